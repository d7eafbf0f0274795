package id.pantau.detect.plate;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatesJobTest {
    @TempDir
    Path dir;

    private List<JsonNode> lines(Path out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : Files.readAllLines(out)) {
            nodes.add(Json.mapper().readTree(l));
        }
        return nodes;
    }

    @Test
    void readsAFolderOfPlateCropsAndSkipsABrokenPictureWithAClearError() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        List<PlateData.Crop> crops = PlateData.indonesianCrops().subList(0, 3);
        for (PlateData.Crop c : crops) {
            // links, not copies: the shared pictures stay outside the project
            Files.createSymbolicLink(in.resolve(c.image().getFileName()), c.image());
        }
        Files.writeString(in.resolve("zz_broken.jpg"), "not a picture");
        Path out = dir.resolve("out/plates.jsonl");

        PlatesJob.Summary s = new PlatesJob(SharedReader.get()).run(in, out, PlatesJob.Input.CROPS);

        assertThat(s.pictures()).isEqualTo(4);
        assertThat(s.failedPictures()).isEqualTo(1);
        List<JsonNode> nodes = lines(out);
        assertThat(nodes).hasSize(4);
        for (int i = 0; i < 3; i++) {
            JsonNode plate = nodes.get(i).get("plates").get(0);
            assertThat(nodes.get(i).get("source").asText()).endsWith(crops.get(i).image().getFileName().toString());
            // READ, or UNCERTAIN with the right text as the first alternative
            assertThat(plate.get("status").asText()).isIn("READ", "UNCERTAIN");
            assertThat(plate.get("alternatives").get(0).get("text").asText()).isEqualTo(crops.get(i).text());
            if (plate.get("status").asText().equals("READ")) {
                assertThat(plate.get("text").asText()).isEqualTo(crops.get(i).text());
                assertThat(plate.get("region").asText()).isEqualTo("Jakarta");
            } else {
                assertThat(plate.get("text").isNull()).isTrue();
            }
            assertThat(plate.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(plate.get("box")).hasSize(4);
        }
        assertThat(nodes.get(3).get("error").asText()).contains("zz_broken.jpg").contains("could not be decoded");
        assertThat(nodes.get(3).has("plates")).isFalse();
    }

    @Test
    void findsPlatesOnScenes() throws Exception {
        PlateData.Scene scene = PlateData.europeanScenes().getFirst();
        Path out = dir.resolve("scene.jsonl");
        PlatesJob.Summary s = new PlatesJob(SharedReader.get()).run(scene.image(), out, PlatesJob.Input.SCENES);
        assertThat(s.pictures()).isEqualTo(1);
        JsonNode plates = lines(out).getFirst().get("plates");
        assertThat(plates).isNotEmpty();
        JsonNode box = plates.get(0).get("box");
        double cx = (box.get(0).asDouble() + box.get(2).asDouble()) / 2;
        double cy = (box.get(1).asDouble() + box.get(3).asDouble()) / 2;
        assertThat(cx).isBetween(scene.plate().x1(), scene.plate().x2());
        assertThat(cy).isBetween(scene.plate().y1(), scene.plate().y2());
    }

    @Test
    void rejectsAMissingInputWithAnActionableMessage() {
        assertThatThrownBy(() -> new PlatesJob(SharedReader.get()).run(dir.resolve("nope"), dir.resolve("o.jsonl"),
                PlatesJob.Input.SCENES)).hasMessageContaining("does not exist").hasMessageContaining("picture or a folder");
    }
}
