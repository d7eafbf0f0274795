package id.pantau.app.console;

import id.pantau.ingest.live.LiveChunk;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.live.LiveViewer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Sends a camera's live video to one browser: the {@link LiveFeed}'s fragmented MP4 as one chunked HTTP response
 * that the page feeds into a Media Source Extensions buffer. The camera's reader only fills the viewer's bounded
 * queue; this side empties it on the connection's event loop as fast as the socket takes it and stops pulling when
 * the socket's write queue is full, so a slow browser loses frames (the viewer skips to a keyframe) instead of
 * holding memory or the reader. When the camera drops, the response ends; the page shows the state and reconnects.
 */
final class LiveVideo {
    private static final Logger log = LoggerFactory.getLogger(LiveVideo.class);
    /** Bytes Vert.x may buffer for one socket before this side stops pulling from the viewer's queue. */
    private static final int SOCKET_QUEUE_BYTES = 256 * 1024;
    /** Where the stream's media time 0 lies on the wall clock (epoch ms), for the page's latency and overlay. */
    static final String ORIGIN_HEADER = "x-pantau-media-origin";

    private final Vertx vertx;
    private final Counter opened;

    LiveVideo(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.opened = Counter.builder("pantau.live.streams.opened").description("live video streams started")
                .register(registry);
    }

    /**
     * Starts the stream, or answers false (nothing written) when the camera has no live stream now; then
     * {@link LiveFeed#unavailable} says why.
     */
    boolean open(HttpServerResponse response, LiveFeed feed, String user) {
        Optional<LiveViewer> subscribed = feed.subscribe();
        if (subscribed.isEmpty()) {
            return false;
        }
        LiveViewer viewer = subscribed.get();
        opened.increment();
        response.setChunked(true)
                .setWriteQueueMaxSize(SOCKET_QUEUE_BYTES)
                .putHeader("content-type", "video/mp4")
                .putHeader("cache-control", "no-store")
                .putHeader("x-accel-buffering", "no")
                .putHeader(ORIGIN_HEADER, Long.toString(viewer.mediaOriginMillis()));
        Context context = vertx.getOrCreateContext();
        Pump pump = new Pump(response, viewer);
        response.closeHandler(v -> {
            viewer.close();
            log.debug("live view of {} by {} closed ({} fragments skipped)", feed.camera(), user, viewer.dropped());
        });
        response.exceptionHandler(e -> viewer.close());
        response.endHandler(v -> viewer.close());
        response.drainHandler(v -> pump.run());
        viewer.onReady(() -> context.runOnContext(v -> pump.run()));
        log.debug("live view of {} opened by {}", feed.camera(), user);
        return true;
    }

    /** Moves chunks from the viewer's queue to the socket while it takes them; runs on the connection's context. */
    private record Pump(HttpServerResponse response, LiveViewer viewer) implements Runnable {
        @Override
        public void run() {
            if (response.ended() || response.closed()) {
                viewer.close();
                return;
            }
            while (!response.writeQueueFull()) {
                LiveChunk c = viewer.poll();
                if (c == null) {
                    if (viewer.ended() != null) {
                        response.end();
                        viewer.close();
                    }
                    return;
                }
                response.write(Buffer.buffer(c.bytes()));
            }
            // full: the drain handler runs this again once the socket has taken its share
        }
    }
}
