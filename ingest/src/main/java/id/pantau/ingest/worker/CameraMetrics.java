package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.queue.FrameQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One camera's meters, all tagged {@code camera=<id>}. Names are listed in ingest/README.md. */
final class CameraMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    final Counter decoded;
    final Counter sampled;
    final Counter reconnects;
    final Timer decodeTime;

    CameraMetrics(MeterRegistry registry, CameraId camera, CameraWorker worker, FrameQueue<?> queue) {
        this.registry = registry;
        Tags tags = Tags.of("camera", camera.value());
        decoded = add(Counter.builder("pantau.ingest.frames.decoded").tags(tags)
                .description("frames decoded from the source").register(registry));
        sampled = add(Counter.builder("pantau.ingest.frames.sampled").tags(tags)
                .description("frames handed to the analysis queue (after sampling to the analysis fps)")
                .register(registry));
        reconnects = add(Counter.builder("pantau.ingest.reconnects").tags(tags)
                .description("times the source was reopened after a failure or stall").register(registry));
        decodeTime = add(Timer.builder("pantau.ingest.decode").tags(tags)
                .description("time to read and decode one frame (includes waiting for a live source)")
                .register(registry));
        // Micrometer holds function/gauge targets weakly: pass objects the worker keeps alive, never a lambda.
        add(FunctionCounter.builder("pantau.ingest.frames.dropped", queue, FrameQueue::dropped).tags(tags)
                .description("sampled frames dropped (oldest first) because analysis fell behind")
                .register(registry));
        add(FunctionCounter.builder("pantau.ingest.frame.buffers.allocated", worker,
                        CameraWorker::frameBuffersAllocated).tags(tags)
                .description("pixel buffers allocated for analysed frames; flat while consumers release them")
                .register(registry));
        add(Gauge.builder("pantau.ingest.source.fps", worker, CameraWorker::sourceFps).tags(tags)
                .description("frame rate declared by the source").register(registry));
        add(Gauge.builder("pantau.ingest.frame.width", worker, w -> w.frameWidth()).tags(tags)
                .baseUnit("pixels").register(registry));
        add(Gauge.builder("pantau.ingest.frame.height", worker, w -> w.frameHeight()).tags(tags)
                .baseUnit("pixels").register(registry));
        add(Gauge.builder("pantau.ingest.frame.age", worker, CameraWorker::lastFrameAgeSeconds).tags(tags)
                .baseUnit("seconds").description("time since the last decoded frame (NaN before the first)")
                .register(registry));
        add(Gauge.builder("pantau.ingest.state", worker, w -> w.state().code()).tags(tags)
                .description("0 stopped, 1 connecting, 2 streaming, 3 stalled, 4 down, 5 finished")
                .register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    void recordDecode(long nanos) {
        decodeTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
