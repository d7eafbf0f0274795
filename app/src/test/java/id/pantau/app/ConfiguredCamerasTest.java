package id.pantau.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.json.Json;
import id.pantau.enforcement.complaint.KnownCameras;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the complaint link learns of a node's cameras: the position and approach headings of each camera's configuration
 * in force (the worked Hanoi example placed at Simpang Kawat for the test), nothing of a camera without a position, and
 * the camera's latest picture where the node has it.
 */
class ConfiguredCamerasTest {
    @TempDir
    Path dir;

    @Test
    void readsPositionsAndHeadingsFromTheConfigurationsInForce() throws Exception {
        CameraConfigStore store = new CameraConfigStore(dir.resolve("cameras"));
        ObjectNode placed = (ObjectNode) Json.mapper().readTree(
                Path.of(System.getProperty("pantau.home"), "docs", "examples", "hanoi-camera.json").toFile());
        placed.put("camera", "simpang-kawat-n");
        placed.putObject("position").put("lat", -1.6140).put("lon", 103.6125);
        ((ObjectNode) placed.at("/approaches/0")).put("heading_deg", 180.0);
        store.save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(placed), "test"));
        ObjectNode unplaced = placed.deepCopy();
        unplaced.put("camera", "gerbang-tol");
        unplaced.remove("position");
        store.save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(unplaced), "test"));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1};

        ConfiguredCameras cameras = new ConfiguredCameras(() -> store,
                () -> id -> id.equals(CameraId.of("simpang-kawat-n")) ? Optional.of(jpeg) : Optional.empty());

        assertThat(store.cameras()).extracting(CameraId::value).containsExactly("gerbang-tol", "simpang-kawat-n");
        String approach = placed.at("/approaches/0/id").asText();
        assertThat(cameras.places()).containsExactly(new KnownCameras.Place("simpang-kawat-n", -1.6140, 103.6125,
                placed.get("location").asText(), Map.of(approach, 180.0)));
        assertThat(cameras.snapshot("simpang-kawat-n")).isEqualTo(jpeg);
        assertThat(cameras.snapshot("gerbang-tol")).isNull();
        assertThat(new ConfiguredCameras(() -> null, () -> null).places()).isEmpty();
        assertThat(Files.exists(dir.resolve("cameras/simpang-kawat-n/current"))).isTrue();
    }
}
