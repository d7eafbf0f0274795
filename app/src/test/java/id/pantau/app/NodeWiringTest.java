package id.pantau.app;

import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.inference.DetectorSettings;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Options of the node file that must change what the node builds, not only pass validation. */
class NodeWiringTest {
    @TempDir
    Path dir;

    private NodeConfigLoader.Loaded load(String yaml) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, yaml);
        return NodeConfigLoader.load(f);
    }

    @Test
    void theScoreThresholdIsTheLowestScoreTheNodesDetectorReports() throws Exception {
        DetectorSettings high = Pantau.detectorSettings(load("detector: {score_threshold: 0.6}\n").node().detector());
        assertThat(high.thresholds()).hasSize(RoadUserClass.values().length).allSatisfy((c, t) ->
                assertThat(t).as(c.name()).isEqualTo(0.6f));
        // the default is the floor the tracking detector always had
        DetectorSettings dflt = Pantau.detectorSettings(load("data_dir: var\n").node().detector());
        assertThat(dflt.thresholds().values()).containsOnly(DetectorSettings.TRACKING_FLOOR);
    }

    @Test
    void aNodeWithoutTheAnalyticsStageDetectsAndTracksButAnalysesNothing() throws Exception {
        NodeConfigLoader.Loaded loaded = load("""
                http: {port: 0}
                data_dir: data
                stages: [ingest, perception]
                detector: {intra_op_threads: 1, sessions: 2}
                """);
        try (Pantau node = Pantau.start(loaded, password -> { })) {
            // the demo cameras run and their frames go through perception...
            await().atMost(Duration.ofSeconds(60)).until(() -> node.registry().find("pantau.pipeline.latency")
                    .timers().stream().mapToLong(Timer::count).sum() >= 10);
            // ...and no analytics: the demo geometry is saved, yet no camera is analysed
            var hanoi = node.ingest().cameras().stream().map(w -> w.id())
                    .filter(id -> id.value().startsWith("hanoi")).findFirst().orElseThrow();
            assertThat(node.geometry().versions(hanoi)).isNotEmpty();
            assertThat(node.pipelines().analyses()).isFalse();
            assertThat(node.pipelines().analysedCameras()).isEmpty();
            assertThat(node.registry().find("pantau.events.published").counters()).allSatisfy(c ->
                    assertThat(c.count()).isZero());
        }
    }
}
