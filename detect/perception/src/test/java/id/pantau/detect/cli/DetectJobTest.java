package id.pantau.detect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import id.pantau.detect.SharedData;
import id.pantau.detect.track.TrackerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The job behind {@code pantau detect} on real images (with a broken one among them) and a real video. */
class DetectJobTest {
    private static final String FRAMES = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/";

    @TempDir
    Path tmp;

    @Test
    void aFolderOfImagesWithABrokenOneAmongThem() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        // links, not copies: the shared footage is never copied
        Files.createSymbolicLink(dir.resolve("a_0100.png"), SharedData.data(FRAMES + "frame_0100.png"));
        Files.createSymbolicLink(dir.resolve("c_0700.png"), SharedData.data(FRAMES + "frame_0700.png"));
        Files.writeString(dir.resolve("b_broken.jpg"), "this is not a jpeg");
        Path out = tmp.resolve("out.jsonl");
        Path ann = tmp.resolve("ann");

        DetectJob.Summary s = new DetectJob(SharedData.yoloxNanoForTracking(), TrackerSettings.defaults())
                .run(new DetectJob.Options(dir, out, Optional.of(ann), 1));

        assertThat(s.failures()).singleElement().asString().contains("b_broken.jpg").contains("cannot decode");
        List<JsonNode> lines = read(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("source").asText()).endsWith("a_0100.png");
        assertThat(lines.get(0).get("frame").asLong()).isZero();
        JsonNode first = lines.get(0).get("detections");
        assertThat(first.size()).as("frame 100 has 6 cars and a pickup labelled").isBetween(6, 9);
        for (JsonNode d : first) {
            assertThat(d.has("track")).as("no track ids for still images").isFalse();
            assertThat(d.get("class").asText()).isIn("car", "truck", "bus", "motorcycle", "bicycle", "person");
            JsonNode b = d.get("box");
            assertThat(b.get(0).asDouble()).isBetween(0.0, b.get(2).asDouble());
            assertThat(b.get(2).asDouble()).isLessThanOrEqualTo(640);
            assertThat(b.get(3).asDouble()).isLessThanOrEqualTo(352);
        }
        assertThat(ann.resolve("a_0100.png")).isRegularFile();
        assertThat(ann.resolve("c_0700.png")).isRegularFile();
        // remove the links before JUnit's cleanup, which warns about links pointing outside the temp dir
        Files.delete(dir.resolve("a_0100.png"));
        Files.delete(dir.resolve("c_0700.png"));
    }

    @Test
    void aVideoGetsTrackIdsThatPersistAcrossFrames() throws Exception {
        Path out = tmp.resolve("video.jsonl");
        Path ann = tmp.resolve("frames");
        DetectJob.Summary s = new DetectJob(SharedData.yoloxNanoForTracking(), TrackerSettings.defaults())
                .run(new DetectJob.Options(SharedData.data("videos/ahmetozlu_vehicle_survaillance_road_38s.mp4"),
                        out, Optional.of(ann), 6));
        List<JsonNode> lines = read(out);
        assertThat(s.failures()).isEmpty();
        assertThat(lines).hasSize(151); // 905 frames, every 6th
        assertThat(lines.get(1).get("frame").asLong()).isEqualTo(6);
        Map<Long, Integer> framesPerTrack = new HashMap<>();
        for (JsonNode l : lines) {
            for (JsonNode d : l.get("detections")) {
                assertThat(d.has("track")).isTrue();
                framesPerTrack.merge(d.get("track").asLong(), 1, Integer::sum);
            }
        }
        assertThat(framesPerTrack).as("tracks exist").isNotEmpty();
        assertThat(framesPerTrack.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("some vehicle keeps its id for 10+ analysed frames (2.5 s)").isGreaterThanOrEqualTo(10);
        try (var files = Files.list(ann)) {
            assertThat(files.count()).isEqualTo(151);
        }
    }

    private static List<JsonNode> read(Path jsonl) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }
}
