package id.pantau.detect.stage;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.LineCrossings;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stage (motion gate -> detector -> tracker) on the real road clip, fed as two cameras at once from two
 * threads sharing one detector: each camera must count the labelled crossings on its own (no state leaks between
 * cameras, the shared detector is safe), the motion gate must skip frames, and the metrics must say so.
 */
class PerceptionStageTest {
    private static final String CLIP = "videos/ahmetozlu_vehicle_survaillance_road_38s.mp4";
    private static final String LABELS = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/crossings.csv";

    @Test
    void twoCamerasInParallelEachCountTheLabelledCrossingsWithMotionGating() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Long> labelled = LineCrossings.labelledFrames(SharedData.data(LABELS));
        try (PerceptionStage stage = new PerceptionStage(SharedData.yoloxNanoForTracking(),
                MotionSettings.defaults(), TrackerSettings.defaults(), registry);
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<LineCrossings.Score> a = pool.submit(() -> run(stage, "cam-a", labelled));
            Future<LineCrossings.Score> b = pool.submit(() -> run(stage, "cam-b", labelled));
            for (Future<LineCrossings.Score> f : List.of(a, b)) {
                LineCrossings.Score s = f.get();
                assertThat(s.missed()).as("missed").hasSizeLessThanOrEqualTo(1);
                assertThat(s.extra()).as("double counts").hasSizeLessThanOrEqualTo(1);
            }
        }
        for (String cam : List.of("cam-a", "cam-b")) {
            double skipped = registry.get("pantau.detect.motion.skipped.ratio").tag("camera", cam).gauge().value();
            double detected = registry.get("pantau.detect.frames").tag("camera", cam).tag("result", "detected")
                    .counter().count();
            double cars = registry.get("pantau.detect.detections").tag("camera", cam).tag("class", "car")
                    .counter().count();
            long timed = registry.get("pantau.detect.inference").tag("camera", cam).timer().count();
            double meanMs = registry.get("pantau.detect.inference").tag("camera", cam).timer()
                    .mean(java.util.concurrent.TimeUnit.MILLISECONDS);
            System.out.printf("%s: motion gate skipped %.1f%% of analysed frames, %d detector runs (mean %.1f ms,"
                    + " two cameras sharing one 2-thread session), %d car detections%n", cam, skipped * 100,
                    (long) detected, meanMs, (long) cars);
            assertThat(skipped).as("fraction skipped by the motion gate").isGreaterThan(0.05);
            assertThat(timed).isEqualTo((long) detected);
            assertThat(cars).isPositive();
        }
    }

    private static LineCrossings.Score run(PerceptionStage stage, String camera, List<Long> labelled)
            throws Exception {
        LineCrossings line = new LineCrossings(new Point(215, 230), new Point(640, 230));
        int gated = 0;
        try (VideoFileReader reader = new VideoFileReader(SharedData.data(CLIP), CameraId.of(camera))) {
            VideoFrame f;
            while ((f = reader.next()) != null) {
                TrackedFrame out = stage.process(f);
                assertThat(out.camera().value()).isEqualTo(camera);
                if (!out.detected()) {
                    gated++;
                }
                line.accept(f.sequence(), out.objects());
                if (!reader.skip(1)) {
                    break;
                }
            }
        }
        LineCrossings.Score score = line.score(labelled, 12);
        System.out.println(camera + " (stage with motion gate, 12 fps, " + gated + " frames predicted only): "
                + score);
        return score;
    }
}
