package id.pantau.detect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.json.Json;
import id.pantau.detect.SharedData;
import id.pantau.detect.profile.CameraDetectorConfig;
import id.pantau.detect.profile.ProfiledDetector;
import id.pantau.detect.track.TrackerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pantau detect --camera}: a camera's profile applied to a labelled Hanoi still; riders without a bike box
 * come out as {@code motorcycle} with {@code from_rider: true} and their person box, and no person box is both a
 * pedestrian and a rider.
 */
class DetectJobCameraTest {
    @TempDir
    Path tmp;

    @Test
    void ridersAreMarkedInTheOutput() throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(getClass().getResourceAsStream(
                "/cameras/hanoi-dense.json"));
        ((ObjectNode) root.get("detector")).put("tiles", "none");
        CameraDetectorConfig cam = CameraDetectorConfig.parse(root, "hanoi-dense.json");
        Path png = SharedData.data("videos/labels/hanoi_cctv_lythuongkiet-hangbai_intersection_64s/frames/"
                + "frame_0200.png");
        Path out = tmp.resolve("out.jsonl");
        try (ProfiledDetector d = ProfiledDetector.open(cam, Assets.defaults(), 2, true)) {
            new DetectJob(d, TrackerSettings.defaults()).run(new DetectJob.Options(png, out, Optional.empty(), 1));
        }
        JsonNode line = Json.mapper().readTree(Files.readAllLines(out).getFirst());
        List<JsonNode> riders = new ArrayList<>();
        List<JsonNode> persons = new ArrayList<>();
        for (JsonNode d : line.get("detections")) {
            if (d.path("from_rider").asBoolean(false)) {
                riders.add(d);
            } else if (d.get("class").asText().equals("person")) {
                persons.add(d);
            }
        }
        System.out.printf("hanoi frame 200, whole frame + riders: %d detections, %d from riders, %d persons left%n",
                line.get("detections").size(), riders.size(), persons.size());
        assertThat(riders).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("class").asText()).isEqualTo("motorcycle");
            assertThat(r.get("person").size()).isEqualTo(4);
            // the person box is inside the road user's box, which reaches lower (the wheels)
            assertThat(r.get("box").get(3).asDouble()).isGreaterThan(r.get("person").get(3).asDouble());
        });
        for (JsonNode p : persons) {
            for (JsonNode r : riders) {
                assertThat(p.get("box")).isNotEqualTo(r.get("person"));
            }
        }
    }
}
