package id.pantau.detect.stage;

import id.pantau.core.camera.CameraId;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.motion.MotionGate;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** One camera's perception state (motion gate, tracker) and meters; used only under its {@link #lock}. */
final class CameraPerception implements AutoCloseable {
    final CameraId camera;
    final ReentrantLock lock = new ReentrantLock();
    final MotionGate gate;
    final ByteTracker tracker;
    final Timer detectTime;
    final Counter detected;
    final Counter skipped;
    final Counter failed;
    final Counter busy;
    final Map<RoadUserClass, Counter> perClass = new EnumMap<>(RoadUserClass.class);
    private final AtomicInteger activeTracks = new AtomicInteger();
    private final AtomicLong framesSeen = new AtomicLong();
    private final AtomicLong framesSkipped = new AtomicLong();

    CameraPerception(CameraId camera, String model, MotionSettings motion, TrackerSettings tracking,
                     MeterRegistry registry) {
        this.camera = camera;
        this.gate = new MotionGate(motion);
        this.tracker = new ByteTracker(tracking);
        String cam = camera.value();
        this.detectTime = Timer.builder("pantau.detect.inference").description("detector time per analysed frame")
                .tag("camera", cam).tag("model", model).register(registry);
        this.detected = frames(registry, cam, "detected");
        this.skipped = frames(registry, cam, "skipped_no_motion");
        this.failed = frames(registry, cam, "failed");
        this.busy = frames(registry, cam, "dropped_busy");
        for (RoadUserClass c : RoadUserClass.values()) {
            perClass.put(c, Counter.builder("pantau.detect.detections").description("detections per class")
                    .tag("camera", cam).tag("class", c.label()).register(registry));
        }
        Gauge.builder("pantau.track.active", activeTracks, AtomicInteger::get)
                .description("confirmed tracks in the last frame").tag("camera", cam).register(registry);
        Gauge.builder("pantau.detect.motion.skipped.ratio", this, CameraPerception::skippedRatio)
                .description("fraction of frames the motion gate let skip the detector").tag("camera", cam)
                .register(registry);
    }

    private static Counter frames(MeterRegistry registry, String cam, String result) {
        return Counter.builder("pantau.detect.frames").description("frames by what perception did with them")
                .tag("camera", cam).tag("result", result).register(registry);
    }

    void countFrame(boolean wasSkipped) {
        framesSeen.incrementAndGet();
        if (wasSkipped) {
            framesSkipped.incrementAndGet();
        }
    }

    void activeTracks(int n) {
        activeTracks.set(n);
    }

    double skippedRatio() {
        long seen = framesSeen.get();
        return seen == 0 ? 0 : (double) framesSkipped.get() / seen;
    }

    @Override
    public void close() {
        gate.close();
    }
}
