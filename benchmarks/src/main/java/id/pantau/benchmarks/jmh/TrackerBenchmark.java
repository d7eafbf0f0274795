package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.StageFixtures;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * ByteTrack update with the detector's real detections of consecutive analysed frames (5 fps of the street clip),
 * replayed in a loop so the tracker always carries the clip's tracks.
 */
@State(Scope.Thread)
public class TrackerBenchmark {
    List<List<Detection>> detections;
    ByteTracker tracker;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        try (StageFixtures fx = JmhInputs.fixtures()) {
            detections = fx.detections;
        }
        tracker = new ByteTracker(TrackerSettings.defaults());
    }

    @Benchmark
    public List<TrackedObject> update() {
        List<Detection> d = detections.get(next);
        next = (next + 1) % detections.size();
        return tracker.update(d);
    }
}
