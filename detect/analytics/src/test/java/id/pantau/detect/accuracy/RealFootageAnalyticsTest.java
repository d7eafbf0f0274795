package id.pantau.detect.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.json.Json;
import id.pantau.detect.SharedData;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole perception + analytics path (motion gate, YOLOX-nano, ByteTrack, line counting, vision signal state,
 * red-light logic) on real footage, against the labels made by watching the clips frame by frame
 * ({@code ../shared/data/videos/labels}). The figures are printed and recorded in docs/accuracy.md; the assertions
 * sit just under them so a regression fails.
 */
class RealFootageAnalyticsTest {
    private static final String LABELS = "videos/labels/";

    /** Runs a clip through perception and analytics, analysing every {@code step}-th frame. */
    private static List<PipelineEvent> run(String video, CameraConfig config, int step) {
        CameraId camera = CameraId.of(config.camera());
        List<PipelineEvent> events = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VideoFileReader reader = new VideoFileReader(SharedData.data("videos/" + video), camera);
             PerceptionStage perception = new PerceptionStage(SharedData.yoloxNanoForTracking(),
                     MotionSettings.defaults(), TrackerSettings.defaults(), registry)) {
            AnalyticsEngine engine = new AnalyticsEngine(config, registry);
            for (VideoFrame frame; (frame = reader.next()) != null; ) {
                events.addAll(engine.analyse(perception.process(frame), frame).events());
                if (step > 1 && !reader.skip(step - 1)) {
                    break;
                }
            }
        }
        return events;
    }

    private static CameraConfig countingConfig(String camera, JsonNode line, int width, int height)
            throws Exception {
        String json = """
                {"camera": "%s", "frame": {"width": %d, "height": %d},
                 "calibration": {"points": [
                   {"image": [0, %d], "ground_m": [0, 0]}, {"image": [%d, %d], "ground_m": [8, 0]},
                   {"image": [%d, 0], "ground_m": [8, 40]}, {"image": [0, 0], "ground_m": [0, 40]}]},
                 "counting_lines": [{"id": "labelled", "a": %s, "b": %s, "in_direction": "down"}]}
                """.formatted(camera, width, height, height, width, height, width, line.get("a"), line.get("b"));
        return new CameraConfigLoader().parse(json.getBytes(), camera);
    }

    @Test
    void countsVehiclesCrossingTheLabelledLineOnTheRoadClip() throws Exception {
        JsonNode line = Json.mapper().readTree(SharedData.data(LABELS + "ahmetozlu_vehicle_survaillance_road_38s/line.json").toFile());
        JsonNode summary = Json.mapper().readTree(SharedData.data(LABELS + "ahmetozlu_vehicle_survaillance_road_38s/summary.json").toFile());
        int labelledTowards = summary.at("/counts/all_classes_total/towards").asInt();
        int labelledAway = summary.at("/counts/all_classes_total/away").asInt();

        // 24 fps source analysed at 12 fps, a realistic analysis rate
        List<LineCrossing> crossings = run("ahmetozlu_vehicle_survaillance_road_38s.mp4",
                countingConfig("road", line, 640, 352), 2).stream()
                .filter(LineCrossing.class::isInstance).map(LineCrossing.class::cast).toList();
        long in = crossings.stream().filter(c -> c.direction() == CrossingDirection.IN).count();
        long out = crossings.stream().filter(c -> c.direction() == CrossingDirection.OUT).count();
        System.out.printf("road clip line counts: in (towards) %d vs labelled %d, out %d vs labelled %d; classes %s%n",
                in, labelledTowards, out, labelledAway,
                crossings.stream().map(LineCrossing::roadUserClass).sorted().toList());
        // recorded tolerance: exact on this clip's clean one-at-a-time traffic, +-1 allowed for the pickup
        assertThat(in).isBetween((long) labelledTowards - 1, (long) labelledTowards + 1);
        assertThat(out).isLessThanOrEqualTo(labelledAway + 1);
    }

    @Test
    void findsTheLabelledRedLightViolationsOnTheHanoiIntersection() throws Exception {
        ObjectNode example = (ObjectNode) Json.mapper().readTree(
                Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
        CameraConfig config = new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(example), "hanoi-camera.json");
        List<double[]> labelled = new ArrayList<>();   // {time_s, definite?1:0}
        for (String row : Files.readAllLines(SharedData.data(LABELS
                + "hanoi_cctv_lythuongkiet-hangbai_intersection_64s/violations.csv")).subList(1, 16)) {
            String[] f = row.split(",");
            labelled.add(new double[] {Double.parseDouble(f[1]), f[4].equals("definite") ? 1 : 0});
        }
        List<PipelineEvent> events = run("hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4", config, 1);
        List<RedLightViolation> found = events.stream().filter(RedLightViolation.class::isInstance)
                .map(RedLightViolation.class::cast).toList();
        // a found violation matches a labelled one within 1.5 s (labels are the first frame past the stop line)
        double clipStart = events.stream().mapToDouble(e -> e.time().toInstant().toEpochMilli() / 1000.0).min().orElse(0);
        int matchedDefinite = 0;
        int unmatched = 0;
        boolean[] used = new boolean[labelled.size()];
        for (RedLightViolation v : found) {
            double t = v.frames().at() / 6.0;
            int best = -1;
            for (int i = 0; i < labelled.size(); i++) {
                if (!used[i] && Math.abs(labelled.get(i)[0] - t) <= 1.5) {
                    best = i;
                    break;
                }
            }
            if (best < 0) {
                unmatched++;
            } else {
                used[best] = true;
                matchedDefinite += labelled.get(best)[1] > 0 ? 1 : 0;
            }
        }
        long definite = labelled.stream().filter(l -> l[1] > 0).count();
        System.out.printf("hanoi red-light violations: found %d, matched %d of %d definite, %d unmatched (clip start %.1f)%n",
                found.size(), matchedDefinite, definite, unmatched, clipStart);
        assertThat(found).allSatisfy(v -> assertThat(v.timeIntoRedS()).isGreaterThanOrEqualTo(0.3));
        // recorded in docs/accuracy.md: 12 of 13 definite matched, 0 unmatched (false positives)
        assertThat(matchedDefinite).isGreaterThanOrEqualTo(11);
        assertThat(unmatched).isLessThanOrEqualTo(1);
    }
}
