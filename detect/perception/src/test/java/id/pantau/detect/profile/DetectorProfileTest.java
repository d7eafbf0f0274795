package id.pantau.detect.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.json.Json;
import id.pantau.detect.SharedData;
import id.pantau.detect.model.DetectorSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A camera's detector profile from its configuration JSON, and the clear errors at start (camera and field named)
 * for bad input: unknown output layout, truncated ONNX, tiles outside the frame, a missing model, an AGPL model
 * without the opt-in. Each camera opens its own detector, so one bad camera does not stop the others.
 */
class DetectorProfileTest {
    @TempDir
    Path tmp;

    static ObjectNode camera(String detectorJson) throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(DetectorProfileTest.class
                .getResourceAsStream("/cameras/hanoi-dense.json"));
        root.set("detector", Json.mapper().readTree(detectorJson));
        return root;
    }

    static CameraDetectorConfig parse(String detectorJson) throws Exception {
        return CameraDetectorConfig.parse(camera(detectorJson), "test.json");
    }

    static void open(String detectorJson) throws Exception {
        try (ProfiledDetector d = ProfiledDetector.open(parse(detectorJson), Assets.defaults(), 1, false)) {
            assertThat(d.passes()).isPositive();
        }
    }

    @Test
    void theCameraFileAndTheDefaults() throws Exception {
        CameraDetectorConfig c = CameraDetectorConfig.read(Path.of(getClass()
                .getResource("/cameras/hanoi-dense.json").toURI()));
        assertThat(c.camera()).isEqualTo("hanoi-lythuongkiet");
        assertThat(c.profile().tiles()).isEqualTo("geometry");
        assertThat(c.zones()).hasSize(4);
        ObjectNode none = camera("{}");
        none.remove("detector");
        DetectorProfile d = CameraDetectorConfig.parse(none, "x").profile();
        assertThat(d).isEqualTo(DetectorProfile.defaults());
        assertThat(d.model()).isEqualTo("yolox_nano");
    }

    @Test
    void fieldErrorsNameTheCameraAndTheField() {
        assertThatThrownBy(() -> parse("{\"tiles\": [[0, 0, 700, 200]]}"))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("camera 'hanoi-lythuongkiet'").hasMessageContaining("detector.tiles[0]")
                .hasMessageContaining("outside the 640x480 frame");
        assertThatThrownBy(() -> parse("{\"tiles\": \"lots\"}")).hasMessageContaining("detector.tiles")
                .hasMessageContaining("geometry");
        assertThatThrownBy(() -> parse("{\"provider\": \"tpu\"}")).hasMessageContaining("detector.provider")
                .hasMessageContaining("cpu or cuda");
        assertThatThrownBy(() -> parse("{\"input_size\": 500}")).hasMessageContaining("detector.input_size");
        assertThatThrownBy(() -> parse("{\"modle\": \"yolov8n\"}")).hasMessageContaining("detector.modle")
                .hasMessageContaining("unknown field");
        assertThatThrownBy(() -> parse("{\"max_tiles\": -1}")).hasMessageContaining("detector.max_tiles");
    }

    @Test
    void geometryTilesNeedACalibration() throws Exception {
        ObjectNode root = camera("{\"tiles\": \"geometry\"}");
        root.remove("calibration");
        assertThatThrownBy(() -> CameraDetectorConfig.parse(root, "x")).hasMessageContaining("detector.tiles")
                .hasMessageContaining("calibration");
    }

    @Test
    void aProfileNamingAMissingModel() {
        assertThatThrownBy(() -> open("{\"model\": \"yolov9x\"}")).isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("camera 'hanoi-lythuongkiet'").hasMessageContaining("detector.model")
                .hasMessageContaining("yolov9x");
        assertThatThrownBy(() -> open("{\"model\": \"" + tmp.resolve("gone.onnx") + "\", \"family\": \"yolov8\"}"))
                .hasMessageContaining("detector.model").hasMessageContaining("does not exist");
    }

    @Test
    void anAgplModelNeedsTheOptIn() {
        assertThatThrownBy(() -> open("{\"model\": \"yolov8n\"}")).isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("detector.accept_licence").hasMessageContaining("AGPL-3.0");
    }

    @Test
    void aTruncatedOnnxAndAnUnknownOutputLayout() throws Exception {
        Path truncated = tmp.resolve("truncated.onnx");
        byte[] whole = Files.readAllBytes(SharedData.model("yolox_nano"));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> open("{\"model\": \"" + truncated + "\", \"family\": \"yolox\"}"))
                .isInstanceOf(DetectorSetupException.class).hasMessageContaining("camera 'hanoi-lythuongkiet'")
                .hasMessageContaining("detector.model").hasMessageContaining("could not be loaded");
        // a real ONNX model whose output fits no detector family (the text direction classifier, [1, 2])
        Path cls = SharedData.model("ppocr_cls");
        assertThatThrownBy(() -> open("{\"model\": \"" + cls + "\", \"family\": \"yolox\"}"))
                .isInstanceOf(DetectorSetupException.class).hasMessageContaining("detector.model")
                .hasMessageContaining("camera 'hanoi-lythuongkiet'");
    }

    @Test
    void cudaAskedForWithoutTheGpuBuild() {
        // this build has ONNX Runtime's CPU artifact (mvn -Pgpu swaps in onnxruntime_gpu)
        org.junit.jupiter.api.Assumptions.assumeFalse(ai.onnxruntime.OrtEnvironment.getAvailableProviders()
                .contains(ai.onnxruntime.OrtProvider.CUDA), "a CUDA build: nothing missing to report");
        assertThatThrownBy(() -> open("{\"provider\": \"cuda\"}")).isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("camera 'hanoi-lythuongkiet'").hasMessageContaining("detector.provider")
                .hasMessageContaining("-Pgpu");
    }

    @Test
    void oneBadCameraDoesNotStopTheOthers() throws Exception {
        JsonNode good = camera("{\"tiles\": \"none\"}");
        JsonNode bad = camera("{\"model\": \"yolov9x\"}");
        int opened = 0;
        int refused = 0;
        for (JsonNode cam : java.util.List.of(bad, good)) {
            try (ProfiledDetector d = ProfiledDetector.open(CameraDetectorConfig.parse(cam, "x"), Assets.defaults(),
                    1, false)) {
                opened += d.passes() > 0 ? 1 : 0;
            } catch (DetectorSetupException e) {
                refused++;
            }
        }
        assertThat(opened).isEqualTo(1);
        assertThat(refused).isEqualTo(1);
    }
}
