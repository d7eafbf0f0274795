package id.pantau.ingest.live;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.worker.PacketTap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * One camera's live view: the reader's packets remuxed to fragmented MP4 ({@link Fmp4Remuxer}) and fanned out to
 * any number of {@link LiveViewer}s. It keeps the init segment and the fragments since the last keyframe, so a
 * viewer that joins starts decoding at once. Each connection of the camera is its own stream: when the camera
 * drops or reconnects, the viewers' streams end and the browser opens a fresh one (a new init segment, a new
 * timeline). The reader thread only appends to bounded queues; a slow or stuck viewer never holds it up.
 *
 * <p>Only H.264 is offered: it is what cameras send and what every browser's MSE plays. Another codec (MJPEG,
 * H.265) gets no live stream ({@link #unavailable}) and the console shows snapshots instead.
 */
public final class LiveFeed implements PacketTap {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    /** A keyframe interval longer than this many fragments is not cached whole (a viewer waits for the next one). */
    private static final int MAX_CACHED_FRAGMENTS = 600;
    private static final long MAX_CACHED_BYTES = 16L << 20;
    /** What a viewer may fall behind by before it skips to the next keyframe. */
    public static final long VIEWER_BUDGET_BYTES = 2L << 20;

    private final CameraId camera;
    private final long viewerBudget;
    private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
    private final Counter fragments;
    private final Counter bytes;
    private final Counter dropped;
    // reader-thread state, guarded by this (subscribe reads it from other threads)
    private Fmp4Remuxer remuxer;
    private Fmp4Boxes boxes;
    private LiveChunk init;
    private final List<LiveChunk> sinceKeyframe = new ArrayList<>();
    private long cachedBytes;
    private boolean cacheComplete;
    private final ArrayList<byte[]> parts = new ArrayList<>();
    private String unavailable = "camera not connected yet";
    /** Wall time (epoch ms) of media time 0, estimated from the least-delayed frame; 0 before any. */
    private volatile long mediaOriginMillis;
    /**
     * Read time, decoding time, keyframe flag and presentation time of each packet written whose fragment has not
     * come out yet.
     */
    private final ArrayDeque<long[]> written = new ArrayDeque<>();
    private long streamTimeBaseNum = 1;
    private long streamTimeBaseDen = 1;

    public LiveFeed(CameraId camera, MeterRegistry registry) {
        this(camera, registry, VIEWER_BUDGET_BYTES);
    }

    /** @param viewerBudget the bytes a viewer may fall behind by before it skips to the next keyframe */
    public LiveFeed(CameraId camera, MeterRegistry registry, long viewerBudget) {
        this.camera = camera;
        this.viewerBudget = viewerBudget;
        this.fragments = Counter.builder("pantau.live.fragments").tag("camera", camera.value())
                .description("fMP4 fragments (frames) the live view remuxed").register(registry);
        this.bytes = Counter.builder("pantau.live.bytes").tag("camera", camera.value()).baseUnit("bytes")
                .description("bytes of live video remuxed (sent once per viewer)").register(registry);
        this.dropped = Counter.builder("pantau.live.viewer.skips").tag("camera", camera.value())
                .description("times a slow viewer lost its queue and skipped to the next keyframe").register(registry);
        Gauge.builder("pantau.live.viewers", viewers, List::size).tag("camera", camera.value())
                .description("browsers watching the camera live").register(registry);
    }

    public CameraId camera() {
        return camera;
    }

    // ---------------------------------------------------------------- reader side

    @Override
    public synchronized void opened(AVStream video) {
        endSession("the camera reconnected");
        if (video.codecpar().codec_id() != AV_CODEC_ID_H264) {
            unavailable = "the camera sends no H.264 (live view needs H.264; snapshots only)";
            return;
        }
        streamTimeBaseNum = video.time_base().num();
        streamTimeBaseDen = video.time_base().den();
        parts.clear();
        boxes = new Fmp4Boxes(this::box);
        try {
            remuxer = new Fmp4Remuxer(video, b -> boxes.accept(b));
        } catch (RuntimeException e) {
            log.warn("camera {}: no live view: {}", camera, e.getMessage());
            unavailable = "the camera's video cannot be remuxed for the browser: " + e.getMessage();
            remuxer = null;
            return;
        }
        unavailable = "camera connected, waiting for the first keyframe";
    }

    @Override
    public synchronized void packet(AVPacket packet) {
        if (remuxer == null) {
            return;
        }
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        // frag_every_frame writes a frame's fragment when the next frame arrives: the fragments come out in the
        // order the packets went in, one each, so their facts wait in this queue meanwhile
        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : dts;
        written.add(new long[] {System.currentTimeMillis(), dts, (packet.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0, pts});
        try {
            if (!remuxer.write(packet)) {
                written.pollLast();
            }
        } catch (RuntimeException e) {
            // a stream the muxer cannot follow: no live view until the camera's next connection, said once
            log.warn("camera {}: live view stopped: {}", camera, e.toString());
            endSession("the live stream failed: " + e.getMessage());
            unavailable = "the live stream failed until the camera reconnects: " + e.getMessage();
        }
    }

    @Override
    public synchronized void closed(String reason) {
        endSession(reason);
        unavailable = "camera not streaming: " + reason;
    }

    private void endSession(String reason) {
        if (remuxer != null) {
            remuxer.close();
            remuxer = null;
        }
        boxes = null;
        init = null;
        sinceKeyframe.clear();
        cachedBytes = 0;
        cacheComplete = false;
        written.clear();
        mediaOriginMillis = 0;
        for (LiveViewer v : viewers) {
            v.end(reason);
        }
        viewers.clear();
    }

    /** A whole box from the muxer, on the reader thread. */
    private void box(String type, byte[] b) {
        switch (type) {
            case "ftyp" -> parts.add(b);
            case "moov" -> {
                parts.add(b);
                init = new LiveChunk(concat(parts), true, false, 0, 0);
                parts.clear();
            }
            case "moof" -> parts.add(b);
            case "mdat" -> {
                parts.add(b);
                fragment(concat(parts));
                parts.clear();
            }
            default -> { } // styp, sidx, mfra: not written with these flags
        }
    }

    private void fragment(byte[] b) {
        // the fragment holds the oldest packet written and not yet emitted
        long[] meta = written.poll();
        if (meta == null) {
            return;
        }
        long mediaMicros = micros(meta[1] - remuxer.originDts());
        boolean key = meta[2] == 1;
        LiveChunk chunk = new LiveChunk(b, false, key, mediaMicros, meta[0]);
        // the browser's currentTime counts presentation time: a frame shown at pts was read at this origin plus
        // pts, so a reordered (B-frame) stream's reorder delay counts in the latency, as it does on screen
        long origin = meta[0] - micros(meta[3] - remuxer.originDts()) / 1_000;
        if (mediaOriginMillis == 0 || origin < mediaOriginMillis) {
            mediaOriginMillis = origin;
        }
        if (key) {
            sinceKeyframe.clear();
            cachedBytes = 0;
            cacheComplete = true;
        }
        if (cacheComplete) {
            if (sinceKeyframe.size() >= MAX_CACHED_FRAGMENTS || cachedBytes + b.length > MAX_CACHED_BYTES) {
                sinceKeyframe.clear();
                cachedBytes = 0;
                cacheComplete = false;
            } else {
                sinceKeyframe.add(chunk);
                cachedBytes += b.length;
            }
        }
        fragments.increment();
        for (LiveViewer v : viewers) {
            v.offer(chunk);
            bytes.increment(b.length);
        }
    }

    private long micros(long ticks) {
        return ticks * 1_000_000L * streamTimeBaseNum / streamTimeBaseDen;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // ---------------------------------------------------------------- viewer side

    /**
     * A new viewer, already holding the init segment and the fragments since the last keyframe; empty with the
     * reason when the camera has no live stream now (not connected, not H.264, no keyframe yet).
     */
    public Optional<LiveViewer> subscribe() {
        return subscribe(viewerBudget);
    }

    /** As {@link #subscribe()}, with the bytes this viewer may fall behind by before it skips to a keyframe. */
    public synchronized Optional<LiveViewer> subscribe(long budgetBytes) {
        if (init == null || !cacheComplete || sinceKeyframe.isEmpty()) {
            return Optional.empty();
        }
        LiveViewer v = new LiveViewer(this, budgetBytes);
        v.offer(init);
        for (LiveChunk c : sinceKeyframe) {
            v.offer(c);
        }
        viewers.add(v);
        return Optional.of(v);
    }

    /** Why {@link #subscribe} has nothing now (operator words), or empty when it would give a stream. */
    public synchronized Optional<String> unavailable() {
        if (init != null && cacheComplete && !sinceKeyframe.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(remuxer == null ? unavailable : "camera connected, waiting for the first keyframe");
    }

    void remove(LiveViewer v) {
        viewers.remove(v);
    }

    /** The most bytes any one viewer has waiting now (the chunks are shared: this bounds the feed's memory too). */
    public long maxQueuedBytes() {
        return viewers.stream().mapToLong(LiveViewer::queuedBytes).max().orElse(0);
    }

    /** Viewers connected now. */
    public int viewers() {
        return viewers.size();
    }

    /**
     * Where media time 0 of the current stream lies on the wall clock (epoch ms): the earliest that any frame's
     * read time minus its media time gave (the least-delayed frame), so {@code now - (origin + currentTime)} in the
     * browser is how far the picture on screen lags behind the camera. 0 before the first frame.
     */
    public long mediaOriginMillis() {
        return mediaOriginMillis;
    }

    void skipped() {
        dropped.increment();
    }
}
