package id.pantau.detect.accuracy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.json.Json;
import id.pantau.detect.SharedData;
import id.pantau.core.event.LevelOfService;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.analytics.congestion.LevelOfServiceRater;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Congestion on real footage with a queue: on the Hanoi intersection the approach governed by the visible signal
 * waits at its stop line through the long red (0.5-42.5 s, labels/signal.csv) and discharges on green. The zone
 * in front of the stop line must read fuller while the queue stands than after it has cleared.
 */
class CongestionOnFootageTest {

    @Test
    void theQueueZoneFillsOnRedAndEmptiesOnGreen() throws Exception {
        ObjectNode example = (ObjectNode) Json.mapper().readTree(
                Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
        // ten-second intervals instead of the example's minute, so the clip gives several
        // and a dwell of one interval: the clip is shorter than the default dwell that stops alerts flapping
        ((ObjectNode) example.get("analysis")).put("interval_s", 10);
        ((ObjectNode) example.get("thresholds")).put("min_dwell_s", 10);
        CameraConfig config = new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(example), "hanoi-camera.json");
        List<ZoneCongestion> intervals = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VideoFileReader reader = new VideoFileReader(SharedData.data(
                "videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4"), CameraId.of(config.camera()));
             PerceptionStage perception = new PerceptionStage(SharedData.yoloxNanoForTracking(),
                     MotionSettings.defaults(), TrackerSettings.defaults(), registry)) {
            AnalyticsEngine engine = new AnalyticsEngine(config, registry);
            for (VideoFrame frame; (frame = reader.next()) != null; ) {
                engine.analyse(perception.process(frame), frame).events().stream()
                        .filter(ZoneCongestion.class::isInstance).map(ZoneCongestion.class::cast)
                        .filter(z -> z.zone().equals("near_queue")).forEach(intervals::add);
            }
        }
        for (ZoneCongestion z : intervals) {
            System.out.printf("near_queue %5.1f-%5.1f s: vehicles mean %.1f max %d, occupancy %.1f%%, queue %.1f m, LOS %s%n",
                    seconds(z.intervalStart().toInstant()), seconds(z.time().toInstant()), z.vehiclesMean(),
                    z.vehiclesMax(), z.occupancyPct(), z.queueLengthM(), z.level());
        }
        // intervals ending by the green onset (42.5 s) saw the standing queue; those starting 5 s after it, the discharge
        List<ZoneCongestion> onRed = intervals.stream().filter(z -> seconds(z.time().toInstant()) <= 42.5).toList();
        List<ZoneCongestion> afterGreen = intervals.stream()
                .filter(z -> seconds(z.intervalStart().toInstant()) >= 47.5).toList();
        assertThat(onRed).isNotEmpty();
        assertThat(afterGreen).isNotEmpty();
        double redOccupancy = onRed.stream().mapToDouble(ZoneCongestion::occupancyPct).average().orElseThrow();
        double greenOccupancy = afterGreen.stream().mapToDouble(ZoneCongestion::occupancyPct).average().orElseThrow();
        System.out.printf("near_queue occupancy: %.1f%% while the queue stands (red), %.1f%% after it clears (green)%n",
                redOccupancy, greenOccupancy);
        assertThat(redOccupancy).isGreaterThan(greenOccupancy);
        // the standing queue is rated as congestion, and the level improves once it has discharged
        int worstOnRed = onRed.stream().mapToInt(z -> z.level().ordinal()).max().orElseThrow();
        assertThat(worstOnRed).isGreaterThan(0);
        // the reported level lags by the dwell (by design, against flapping); the measures themselves rate A again
        LevelOfServiceRater rater = new LevelOfServiceRater(config.thresholds());
        ZoneCongestion last = afterGreen.getLast();
        assertThat(rater.rate(last.occupancyPct(), last.meanSpeedKmh() == null ? OptionalDouble.empty()
                : OptionalDouble.of(last.meanSpeedKmh()))).isEqualTo(LevelOfService.A);
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
