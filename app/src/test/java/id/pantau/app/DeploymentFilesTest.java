package id.pantau.app;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.app.config.NodeConfig;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.json.Json;
import id.pantau.storage.signing.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine on the build machines, so the deployment files are checked with what runs here:
 * every node configuration must load and validate with the real loader, every file compose mounts must exist,
 * and every image must be pinned to a version.
 */
class DeploymentFilesTest {
    private static final Path DOCKER = Path.of(System.getProperty("pantau.home", "..")).resolve("docker");

    @TempDir
    Path keys;

    @Test
    void everyNodeConfigurationLoadsWithTheRealLoader() throws Exception {
        PemKeys.generateEd25519(keys.resolve("evidence-ed25519.pem"), keys.resolve("evidence-ed25519.pub.pem"));
        Path cameras = DOCKER.resolve("config/cameras.yaml").toAbsolutePath();
        for (String name : List.of("edge.yaml", "backoffice.yaml")) {
            String text = Files.readString(DOCKER.resolve("config").resolve(name))
                    .replace("/etc/pantau/keys/", keys.toAbsolutePath() + "/")
                    .replace("/etc/pantau/cameras.yaml", cameras.toString());
            Path copy = keys.resolve(name);
            Files.writeString(copy, text);
            NodeConfigLoader.Loaded loaded = NodeConfigLoader.load(copy);
            assertThat(loaded.node().bus().type()).as(name).isEqualTo("kafka");
            assertThat(loaded.evidence().type()).as(name).isEqualTo("s3");
        }
        NodeConfig edge = NodeConfigLoader.load(keys.resolve("edge.yaml")).node();
        assertThat(edge.stages()).contains(NodeConfig.Stage.INGEST).doesNotContain(NodeConfig.Stage.ENFORCEMENT);
        assertThat(id.pantau.ingest.config.CameraListLoader.load(cameras)).hasSize(2);
    }

    @Test
    void composeMountsOnlyFilesThatExistAndPinsEveryImage() throws Exception {
        JsonNode compose = Json.yaml().readTree(DOCKER.resolve("compose.yaml").toFile());
        List<String> problems = new ArrayList<>();
        compose.path("services").properties().forEach(service -> {
            JsonNode s = service.getValue();
            if (s.has("image") && (!s.get("image").asText().contains(":") || s.get("image").asText().endsWith(":latest"))) {
                problems.add(service.getKey() + ": image not pinned: " + s.get("image").asText());
            }
            if (s.has("build")) {
                Path context = DOCKER.resolve(s.path("build").path("context").asText());
                if (!Files.isRegularFile(context.resolve(s.path("build").path("dockerfile").asText()))) {
                    problems.add(service.getKey() + ": no Dockerfile at " + s.path("build"));
                }
            }
            for (JsonNode v : s.path("volumes")) {
                String src = v.asText().split(":")[0];
                if (src.startsWith("./") && !Files.exists(DOCKER.resolve(src)) && !src.equals("./keys")) {
                    problems.add(service.getKey() + ": mounts missing " + src);
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(compose.path("services").properties()).extracting(java.util.Map.Entry::getKey)
                .contains("kafka", "minio", "postgres", "edge", "backoffice");
        // every COPY source of the Dockerfile exists in the repository
        Path root = DOCKER.getParent();
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("COPY ") && !line.contains("--from")) {
                String src = line.split("\\s+")[1];
                assertThat(root.resolve(src)).as(line).exists();
            }
        }
    }
}
