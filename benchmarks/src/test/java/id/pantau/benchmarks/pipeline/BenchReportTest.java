package id.pantau.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import id.pantau.ingest.config.DecodeSkip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchReportTest {
    @TempDir
    Path dir;

    private static BenchReport report(double decodeRatio, double inferenceRatio) {
        var sweep = List.of(
                new BenchReport.SweepPoint(1, 5, 5, new BenchReport.Latency(30, 40, 50), 0, 0.3, 1 << 28, true, 0.4),
                new BenchReport.SweepPoint(2, 10, 10, new BenchReport.Latency(35, 60, 90), 0, 0.3, 1 << 29, true, 0.4));
        return new BenchReport(280, 300, decodeRatio, 60, 62, inferenceRatio, new BenchReport.Latency(35, 60, 90),
                0, 1.0, Map.of("decode", 280.0), Map.of("inference", 16.0), sweep,
                BenchReport.Goals.of(decodeRatio, 0.2, 2), MachineInfo.current(),
                new BenchReport.Settings("clip.mp4", 2, 10, 5, false, "yolox_nano.onnx", 0, 1, 2, "none", 3),
                new BenchReport.SameWorkDecode(true, 250, 280 / 250.0), null);
    }

    @Test
    void headlineFieldsSitAtTheTopLevelUnderTheirPlainNames() throws Exception {
        Path json = dir.resolve("bench.json");
        Path chart = PipelineBench.write(report(0.93, 0.98), json);
        JsonNode n = Json.mapper().readTree(json.toFile());
        for (String f : List.of("decode_fps", "ffmpeg_decode_fps", "decode_ratio_vs_ffmpeg", "inference_fps",
                "bare_ort_inference_fps", "inference_ratio_vs_bare_ort", "frames_dropped", "cameras_per_core")) {
            assertThat(n.get(f)).as(f).isNotNull();
            assertThat(n.get(f).isNumber()).as(f).isTrue();
        }
        assertThat(n.path("latency_ms").path("p95").asDouble()).isEqualTo(60);
        assertThat(n.path("machine").path("cores").asInt()).isPositive();
        assertThat(n.path("settings").path("analysis_fps").asDouble()).isEqualTo(5);
        assertThat(chart).hasFileName("bench.png").exists();
        assertThat(PipelineBench.read(json)).isEqualTo(report(0.93, 0.98));
    }

    @Test
    void goalsSayWhereTheRunStands() {
        BenchReport.Goals g = BenchReport.Goals.of(0.85, 0.12, 8);
        assertThat(g.decodeMet()).isFalse();
        assertThat(g.prePostMet()).isTrue();
        assertThat(g.camerasMet()).isTrue();
        assertThat(BenchReport.Goals.of(0.95, 0.2, 7).camerasMet()).isFalse();
    }

    @Test
    void anAcceptedRunBecomesTheBaselineAndALaterFallIsNamed() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        BaselineGuard.accept(baseline, report(0.90, 1.00), 0.10);
        JsonNode b = Json.mapper().readTree(baseline.toFile());
        assertThat(b.path("ratios").path("decode_ratio_vs_ffmpeg").asDouble()).isEqualTo(0.90);
        assertThat(b.path("accepted_run").path("machine").path("cpu_model").asText()).isNotBlank();
        assertThat(BaselineGuard.check(baseline, report(0.85, 0.95))).isEmpty();
        assertThat(BaselineGuard.check(baseline, report(0.85, 0.80))).extracting(BaselineGuard.Regression::field)
                .containsExactly("inference_ratio_vs_bare_ort");
    }

    @Test
    void optionsRejectNonsenseWithTheFlagToFix() {
        Path clip = dir.resolve("clip.mp4");
        assertThatThrownBy(() -> new BenchOptions(clip, 0, 10, 1, 5, false, true, 3, "ffmpeg", 0, 4, 1, 2, true, true,
                true, clip, DecodeSkip.AUTO, true))
                .hasMessageContaining("--cameras");
        assertThatThrownBy(() -> new BenchOptions(clip, 2, 10, 1, 0, false, true, 3, "ffmpeg", 0, 4, 1, 2, true, true,
                true, clip, DecodeSkip.AUTO, true))
                .hasMessageContaining("--fps");
    }

    @Test
    void aMissingInputIsAClearError() {
        Path missing = dir.resolve("no-such-clip.mp4");
        var o = new BenchOptions(missing, 1, 1, 0, 5, false, false, 1, "ffmpeg", 0, 1, 1, 1, false, true, true,
                missing, DecodeSkip.AUTO, false);
        assertThatThrownBy(() -> new PipelineBench(o).run()).hasMessageContaining("--input")
                .hasMessageContaining("no-such-clip.mp4");
    }

    @Test
    void theGeneratedCameraGeometryIsValidForAnyFrameSize() {
        for (int[] size : new int[][] {{1280, 720}, {640, 352}, {1920, 1080}}) {
            var cfg = BenchCameraConfig.forFrame("cam-" + size[0], size[0], size[1]);
            assertThat(cfg.frame().width()).isEqualTo(size[0]);
            assertThat(cfg.countingLines()).hasSize(1);
            assertThat(cfg.zones()).hasSize(1);
        }
        assertThat(Files.exists(dir)).isTrue();
    }
}
