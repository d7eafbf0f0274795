package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.live.LiveChunk;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.live.LiveViewer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The video wall's cameras over one HTTP response. A browser opens at most six HTTP/1.1 connections to a server,
 * so a wall of a stream per camera would leave every camera past the fifth waiting; this multiplexes them instead.
 * The response is a sequence of frames, each {@code kind (1 byte) | camera index (2 bytes) | length (4 bytes) |
 * payload}, big-endian, the index being the camera's position in the request:
 *
 * <ul>
 *   <li>{@code S} a new stream of the camera begins; payload: its media origin (8 bytes, epoch ms, see
 *   {@link LiveVideo#ORIGIN_HEADER}); the next {@code D} of the camera is its init segment;</li>
 *   <li>{@code D} fMP4 bytes of the camera: the init segment or one whole fragment;</li>
 *   <li>{@code E} the camera's stream ended (it dropped or reconnected); payload: the reason (UTF-8);</li>
 *   <li>{@code U} the camera has no live stream now (not connected, not H.264, not read here); payload: why.</li>
 * </ul>
 *
 * A camera without a stream is tried again every second, so one that comes back starts with a new {@code S}.
 * Each camera is a {@link LiveViewer} with its own byte budget; the response is filled round-robin while the
 * socket takes it, so a slow browser loses frames, never holds the readers.
 */
final class LiveWall {
    static final byte START = 'S';
    static final byte DATA = 'D';
    static final byte END = 'E';
    static final byte UNAVAILABLE = 'U';
    /** Bytes Vert.x may buffer for the socket before this side stops pulling. */
    private static final int SOCKET_QUEUE_BYTES = 512 * 1024;
    private static final long RETRY_MS = 1_000;

    private final Vertx vertx;

    LiveWall(Vertx vertx) {
        this.vertx = vertx;
    }

    /** One camera of the wall, touched only on the response's context. */
    private static final class Slot {
        final int index;
        final CameraId camera;
        final LiveFeed feed;
        LiveViewer viewer;
        String said;

        Slot(int index, CameraId camera, LiveFeed feed) {
            this.index = index;
            this.camera = camera;
            this.feed = feed;
        }
    }

    /** Streams the cameras (a null feed: the camera is not read by this node) until the browser goes away. */
    void open(HttpServerResponse response, List<CameraId> cameras, Function<CameraId, Optional<LiveFeed>> feeds) {
        response.setChunked(true)
                .setWriteQueueMaxSize(SOCKET_QUEUE_BYTES)
                .putHeader("content-type", "application/vnd.pantau.live-wall")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no");
        Context context = vertx.getOrCreateContext();
        Slot[] slots = new Slot[cameras.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i, cameras.get(i), feeds.apply(cameras.get(i)).orElse(null));
        }
        Runnable pump = () -> pump(response, slots);
        long timer = vertx.setPeriodic(1, RETRY_MS, id -> {
            if (response.ended() || response.closed()) {
                vertx.cancelTimer(id);
            } else {
                connect(response, slots, context, pump);
            }
        });
        Runnable closeAll = () -> {
            vertx.cancelTimer(timer);
            for (Slot s : slots) {
                if (s.viewer != null) {
                    s.viewer.close();
                    s.viewer = null;
                }
            }
        };
        response.closeHandler(v -> closeAll.run());
        response.endHandler(v -> closeAll.run());
        response.drainHandler(v -> pump.run());
    }

    /** Gives every camera without a stream one if it has one now, else says why (once per reason). */
    private void connect(HttpServerResponse response, Slot[] slots, Context context, Runnable pump) {
        for (Slot s : slots) {
            if (s.viewer != null) {
                continue;
            }
            if (s.feed == null) {
                say(response, s, "camera " + s.camera + " is not read by this node");
                continue;
            }
            Optional<LiveViewer> v = s.feed.subscribe();
            if (v.isEmpty()) {
                say(response, s, s.feed.unavailable().orElse("no live stream yet"));
                continue;
            }
            s.viewer = v.get();
            s.said = null;
            byte[] origin = java.nio.ByteBuffer.allocate(8).putLong(s.viewer.mediaOriginMillis()).array();
            response.write(frame(START, s.index, origin));
            s.viewer.onReady(() -> context.runOnContext(x -> pump.run()));
        }
    }

    private static void say(HttpServerResponse response, Slot s, String reason) {
        if (!Objects.equals(reason, s.said)) {
            s.said = reason;
            response.write(frame(UNAVAILABLE, s.index, reason.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Round-robin, one chunk per camera per pass, while the socket takes it. */
    private static void pump(HttpServerResponse response, Slot[] slots) {
        if (response.ended() || response.closed()) {
            return;
        }
        boolean moved = true;
        while (moved && !response.writeQueueFull()) {
            moved = false;
            for (Slot s : slots) {
                if (s.viewer == null || response.writeQueueFull()) {
                    continue;
                }
                LiveChunk c = s.viewer.poll();
                if (c != null) {
                    response.write(frame(DATA, s.index, c.bytes()));
                    moved = true;
                } else if (s.viewer.ended() != null) {
                    response.write(frame(END, s.index, s.viewer.ended().getBytes(StandardCharsets.UTF_8)));
                    s.viewer.close();
                    s.viewer = null;
                }
            }
        }
    }

    static Buffer frame(byte kind, int index, byte[] payload) {
        Buffer b = Buffer.buffer(7 + payload.length);
        b.appendByte(kind).appendShort((short) index).appendInt(payload.length).appendBytes(payload);
        return b;
    }
}
