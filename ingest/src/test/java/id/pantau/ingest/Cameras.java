package id.pantau.ingest;

import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.queue.FrameQueue;
import id.pantau.ingest.worker.ReconnectBackoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helpers around the ingest: quick back-off, draining queues. */
public final class Cameras {
    /** Retry quickly so outage tests finish in seconds. */
    public static final ReconnectBackoff FAST_RETRY = new ReconnectBackoff(Duration.ofMillis(200),
            Duration.ofSeconds(1), 0.2);

    private Cameras() {
    }

    public static IngestManager manager(List<id.pantau.ingest.config.CameraSource> cams, SimpleMeterRegistry reg) {
        return new IngestManager(cams, reg, FAST_RETRY, Clock.systemUTC());
    }

    /** Everything that arrives within {@code time}. */
    public static List<VideoFrame> collect(FrameQueue<VideoFrame> q, Duration time) throws InterruptedException {
        List<VideoFrame> out = new ArrayList<>();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            VideoFrame f = q.poll(Duration.ofMillis(50));
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Frames until {@code count} arrived or {@code max} passed. */
    public static List<VideoFrame> take(FrameQueue<VideoFrame> q, int count, Duration max) throws InterruptedException {
        List<VideoFrame> out = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        while (out.size() < count && System.nanoTime() < end) {
            VideoFrame f = q.poll(Duration.ofMillis(50));
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
