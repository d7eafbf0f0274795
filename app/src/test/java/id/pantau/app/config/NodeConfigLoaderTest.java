package id.pantau.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void fillsEmbeddedDefaultsRelativeToTheFile() throws Exception {
        NodeConfigLoader.Loaded l = NodeConfigLoader.load(write("data_dir: var\n"));
        assertThat(l.node().dataDir()).isEqualTo(dir.resolve("var"));
        assertThat(l.node().bus().type()).isEqualTo("in-process");
        assertThat(l.node().database().url()).startsWith("jdbc:h2:file:" + dir.resolve("var"));
        assertThat(l.node().stages()).hasSize(NodeConfig.Stage.values().length);
        assertThat(l.evidence().type()).isEqualTo("local");
        assertThat(l.evidence().dir()).isEqualTo(dir.resolve("var/evidence"));
        assertThat(l.node().detector().maxBatch()).as("CPU: no batching unless asked").isEqualTo(1);
        assertThat(l.node().detector().batchWaitMs()).isEqualTo(5);
    }

    @Test
    void readsTheDistributedSettingsInSnakeCase() throws Exception {
        NodeConfigLoader.Loaded l = NodeConfigLoader.load(write("""
                stages: [enforcement]
                bus: {type: kafka, bootstrap_servers: "kafka-1:9092,kafka-2:9092", partitions: 12}
                database: {url: "jdbc:postgresql://db:5432/pantau", user: pantau, password: s3cret}
                evidence:
                  type: s3
                  endpoint: http://minio:9000
                  bucket: pantau-evidence
                  access_key: pantau
                  secret_key: pantau-secret
                  spool_dir: /var/lib/pantau/spool
                  signing_public_key: /etc/pantau/evidence.pub.pem
                  signing_private_key: /etc/pantau/evidence.pem
                """));
        assertThat(l.node().bus().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(l.node().bus().partitions()).isEqualTo(12);
        assertThat(l.evidence().bucket()).isEqualTo("pantau-evidence");
        assertThat(l.evidence().spoolDir()).isEqualTo(Path.of("/var/lib/pantau/spool"));
        assertThat(l.node().database().toString()).doesNotContain("s3cret");
    }

    @Test
    void aCudaNodeBatchesTheCamerasFramesByDefault() throws Exception {
        NodeConfigLoader.Loaded l = NodeConfigLoader.load(write("detector: {provider: CUDA}\n"));
        assertThat(l.node().detector().provider()).isEqualTo("cuda");
        assertThat(l.node().detector().maxBatch()).isEqualTo(8);
        assertThat(NodeConfigLoader.load(write("detector: {provider: cpu, max_batch: 4}\n")).node().detector()
                .maxBatch()).isEqualTo(4);
    }

    @Test
    void theCameraMapTakesItsTilesFromOneConfiguredServerOrDrawsASchematic() throws Exception {
        assertThat(NodeConfigLoader.load(write("data_dir: var\n")).node().console().mapTiles()).as("default: none").isNull();
        NodeConfig.Console c = NodeConfigLoader.load(write(
                "console: {map_tiles: \"https://tiles.jambikota.go.id/{z}/{x}/{y}.png\", map_attribution: \"© OpenStreetMap\"}\n"))
                .node().console();
        assertThat(c.mapTiles()).isEqualTo("https://tiles.jambikota.go.id/{z}/{x}/{y}.png");
        assertThat(c.mapAttribution()).isEqualTo("© OpenStreetMap");
        assertThatThrownBy(() -> NodeConfigLoader.load(write("console: {map_tiles: \"https://{s}.tile.osm.org/{z}/{x}/{y}.png\"}\n")))
                .isInstanceOf(NodeConfigException.class).hasMessageContaining("console.map_tiles").hasMessageContaining("one host");
    }

    @Test
    void namesEveryBadFieldAtOnce() throws Exception {
        assertThatThrownBy(() -> NodeConfigLoader.load(write("""
                http: {port: 70000}
                bus: {type: kafka}
                database: {url: "mysql://x"}
                detector: {provider: tpu, score_threshold: 1.5, max_batch: 0, batch_wait_ms: -1}
                cameras: missing.yaml
                """)))
                .isInstanceOf(NodeConfigException.class)
                .hasMessageContaining("http.port: must be 0..65535, got 70000")
                .hasMessageContaining("bus.bootstrap_servers: required with bus.type: kafka")
                .hasMessageContaining("database.url: must be a jdbc:h2: or jdbc:postgresql: URL")
                .hasMessageContaining("detector.provider: must be cpu or cuda, got 'tpu'")
                .hasMessageContaining("detector.score_threshold: must be in (0, 1)")
                .hasMessageContaining("detector.max_batch: must be >= 1, got 0")
                .hasMessageContaining("detector.batch_wait_ms: must be 0..1000, got -1")
                .hasMessageContaining("cameras: file not found");
    }

    @Test
    void anExplicitEvidenceSectionMustBeComplete() throws Exception {
        assertThatThrownBy(() -> NodeConfigLoader.load(write("""
                evidence: {type: s3, bucket: Bad_Bucket, signing_public_key: /nonexistent/key.pem}
                """)))
                .hasMessageContaining("evidence.endpoint")
                .hasMessageContaining("evidence.signing_public_key");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() throws Exception {
        assertThatThrownBy(() -> NodeConfigLoader.load(write("htp: {port: 1}\n")))
                .hasMessageContaining("htp: unknown field").hasMessageContaining("http");
        assertThatThrownBy(() -> NodeConfigLoader.load(write("http: {port: eighty}\n")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> NodeConfigLoader.load(write("stages: [ingest, teleport]\n")))
                .hasMessageContaining("stages");
    }

    @Test
    void perceptionWithoutAnalyticsIsAllowedButAnalyticsStillNeedsPerception() throws Exception {
        assertThat(NodeConfigLoader.load(write("stages: [ingest, perception]\n")).node().stages())
                .containsExactly(NodeConfig.Stage.INGEST, NodeConfig.Stage.PERCEPTION);
        assertThatThrownBy(() -> NodeConfigLoader.load(write("stages: [ingest, analytics]\n")))
                .hasMessageContaining("stages: analytics needs perception on the same node");
    }

    @Test
    void everyNumberIsBoundedAndTheMaxBatchDefaultIsDerivedOnce() throws Exception {
        assertThatThrownBy(() -> NodeConfigLoader.load(write("""
                detector: {sessions: 1e308, force_detect_every: 1e9, max_batch: 100000}
                bus: {partitions: 1e12}
                """)))
                .hasMessageContaining("detector.sessions: must be <= 256, got 1.0E308")
                .hasMessageContaining("detector.force_detect_every: must be <= 10000")
                .hasMessageContaining("detector.max_batch: must be <= 256")
                .hasMessageContaining("bus.partitions: must be <= 10000");
        assertThat(NodeOptions.DETECTOR_MAX_BATCH.defaultDescription()).isEqualTo("8 on cuda, 1 on cpu");
    }
}
