package id.pantau.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.json.Json;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A camera's configuration names its detector profile, and the node runs it for that camera: the same profile
 * `pantau detect --camera` applies to stills and video. A profile that cannot be built names the camera and field,
 * and the camera keeps the detector it has.
 */
class CameraDetectorProfileTest {
    @TempDir
    Path dir;

    @Test
    void theNodeRunsEachCamerasOwnDetectorProfile() throws Exception {
        Path video = Path.of(System.getProperty("pantau.shared"), "data/videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        Files.writeString(dir.resolve("cameras.yaml"), """
                cameras:
                  - id: simpang-padat
                    name: Simpang padat
                    file: %s
                    loop: true
                    analysis_fps: 3
                """.formatted(video));
        Files.writeString(dir.resolve("node.yaml"), """
                http: {port: 0}
                data_dir: data
                cameras: cameras.yaml
                stages: [ingest, perception, analytics]
                detector: {intra_op_threads: 1, sessions: 1}
                """);
        CameraId camera = CameraId.of("simpang-padat");
        try (Pantau node = Pantau.start(NodeConfigLoader.load(dir.resolve("node.yaml")), p -> { })) {
            assertThat(node.pipelines().detectorOf(camera)).startsWith("the node's detector");

            ObjectNode geometry = (ObjectNode) Json.mapper().readTree(
                    Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
            geometry.put("camera", camera.value());
            geometry.putObject("detector").put("tiles", "2x2");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));
            assertThat(node.pipelines().detectorOf(camera)).contains("uniform 2x2 grid");
            long before = frames(node);
            await().atMost(Duration.ofSeconds(60)).until(() -> frames(node) >= before + 5);

            // a profile naming a model nobody has: reported, and the camera keeps its 2x2 detector
            geometry.putObject("detector").put("model", "no_such_model");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));
            assertThat(node.registry().counter("pantau.pipeline.profile.rejected", "camera", camera.value()).count())
                    .isEqualTo(1);
            assertThat(node.pipelines().detectorOf(camera)).contains("uniform 2x2 grid");
            long after = frames(node);
            await().atMost(Duration.ofSeconds(60)).until(() -> frames(node) >= after + 5);

            // no profile: back to the node's detector
            geometry.remove("detector");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));
            assertThat(node.pipelines().detectorOf(camera)).startsWith("the node's detector");
        }
    }

    private static long frames(Pantau node) {
        return node.registry().find("pantau.pipeline.latency").timers().stream().mapToLong(Timer::count).sum();
    }
}
