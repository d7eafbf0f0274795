package id.pantau.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.app.config.NodeOptions;
import id.pantau.core.asset.Assets;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.CameraConfigOptions;
import id.pantau.core.config.ConfigDef;
import id.pantau.core.config.ConfigReads;
import id.pantau.core.config.Option;
import id.pantau.core.json.Json;
import id.pantau.ingest.config.CameraListOptions;
import id.pantau.testkit.kafka.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An option that is declared, documented and validated but read by nothing is a lie to the operator. This test
 * builds a whole node through the real wiring (every stage, Kafka bus, a file camera and an RTSP camera, the worked
 * intersection geometry) and fails when any declared option of the node file, the camera list or the camera
 * configuration has not been read by the running stages. Loading, checking and storing a value do not count
 * ({@link ConfigReads#quietly}).
 */
class EveryDeclaredOptionIsReadTest {
    /** Options only some nodes can use, each with the reason; keep this list short and true. */
    private static final Map<Option, String> ONLY_SOMETIMES = Map.of(
            NodeOptions.DETECTOR_BATCH_WAIT_MS, "batches form only with a dynamic-batch model and max_batch > 1;"
                    + " the shipped yolox_nano is fixed at batch 1",
            CameraConfigOptions.POSITION_LAT, "read when the console draws the camera map or a complaint is linked",
            CameraConfigOptions.POSITION_LON, "read when the console draws the camera map or a complaint is linked");

    @TempDir
    Path dir;

    @Test
    void aRunningNodeReadsEveryDeclaredOption() throws Exception {
        Path video = Assets.defaults().data("videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        Files.writeString(dir.resolve("cameras.yaml"), """
                cameras:
                  - id: simpang-hanoi
                    file: %s
                    mode: realtime
                    loop: true
                    analysis_fps: 6
                    ring_seconds: 14
                  - id: gerbang-rtsp
                    url: rtsp://127.0.0.1:9/nothing-here
                    transport: udp
                """.formatted(video));
        KafkaTestBroker broker = KafkaTestBroker.shared();
        Files.writeString(dir.resolve("node.yaml"), """
                http: {port: 0}
                data_dir: data
                cameras: cameras.yaml
                bus: {type: kafka, bootstrap_servers: "%s", client_id: reads-test}
                detector: {intra_op_threads: 1, sessions: 2}
                """.formatted(broker.bootstrapServers()));
        ConfigReads.reset();
        NodeConfigLoader.Loaded loaded = NodeConfigLoader.load(dir.resolve("node.yaml"));
        assertThat(unread()).as("loading reads nothing by itself").hasSizeGreaterThan(ONLY_SOMETIMES.size());
        try (Pantau node = Pantau.start(loaded, password -> { })) {
            ObjectNode geometry = (ObjectNode) Json.mapper().readTree(
                    Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
            geometry.put("camera", "simpang-hanoi");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));
            // some options are read only when their moment comes (location: in a violation), so wait for that
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> unread().isEmpty());
        } finally {
            assertThat(unread()).as("declared options nothing read").isEmpty();
        }
    }

    private static List<String> unread() {
        return Stream.of(NodeOptions.DEF, CameraListOptions.DEF, CameraConfigOptions.DEF)
                .flatMap(def -> def.options().stream()
                        .filter(o -> !ConfigReads.wasRead(o) && !ONLY_SOMETIMES.containsKey(o))
                        .map(o -> name(def, o)))
                .toList();
    }

    private static String name(ConfigDef def, Option o) {
        return def.name() + ": " + o.name();
    }
}
