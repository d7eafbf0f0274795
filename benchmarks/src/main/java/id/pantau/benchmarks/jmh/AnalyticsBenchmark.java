package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.BenchCameraConfig;
import id.pantau.benchmarks.pipeline.StageFixtures;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.AnalysisResult;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Zone and line analytics (AnalyticsEngine: ground motion, counting line, congestion zone) on the tracks of the
 * street clip, frame after frame; time keeps advancing at 5 fps so the engine sees a live camera.
 */
@State(Scope.Thread)
public class AnalyticsBenchmark {
    static final CameraId CAMERA = CameraId.of("bench-cam");
    List<List<TrackedObject>> tracks;
    AnalyticsEngine engine;
    int width;
    int height;
    long sequence;
    Instant start = Instant.parse("2026-11-23T03:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        tracks = new ArrayList<>();
        try (StageFixtures fx = JmhInputs.fixtures()) {
            ByteTracker tracker = new ByteTracker(TrackerSettings.defaults());
            fx.detections.forEach(d -> tracks.add(tracker.update(d)));
            VideoFrame f = fx.frames.getFirst();
            width = f.width();
            height = f.height();
        }
        engine = new AnalyticsEngine(BenchCameraConfig.forFrame(CAMERA.value(), width, height),
                new SimpleMeterRegistry());
    }

    @Benchmark
    public AnalysisResult analyse() {
        List<TrackedObject> objects = tracks.get((int) (sequence % tracks.size()));
        TrackedFrame frame = new TrackedFrame(CAMERA, sequence, start.plus(Duration.ofMillis(200 * sequence)), width,
                height, objects, true);
        sequence++;
        return engine.analyse(frame, null);
    }
}
