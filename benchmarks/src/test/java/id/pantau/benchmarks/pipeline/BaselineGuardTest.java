package id.pantau.benchmarks.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineGuardTest {
    @TempDir
    Path dir;

    private static BenchReport report(double decodeRatio, double inferenceRatio) {
        return new BenchReport(280, 300, decodeRatio, 60, 62, inferenceRatio, new BenchReport.Latency(40, 80, 120),
                0, 4.0, Map.of(), Map.of(), List.of(), BenchReport.Goals.of(decodeRatio, 0.1, 8), MachineInfo.current(),
                new BenchReport.Settings("clip.mp4", 1, 10, 5, false, "yolox_nano", 1, 1, 2, "none", 3), null);
    }

    @Test
    void passesWithinToleranceAndNamesEachRatioThatFellFurther() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, """
                {"tolerance": 0.10, "ratios": {"decode_ratio_vs_ffmpeg": 0.95, "inference_ratio_vs_bare_ort": 0.97}}
                """);
        assertThat(BaselineGuard.check(baseline, report(0.90, 0.96))).isEmpty();
        List<BaselineGuard.Regression> fell = BaselineGuard.check(baseline, report(0.80, 0.96));
        assertThat(fell).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("decode_ratio_vs_ffmpeg");
            assertThat(r.toString()).contains("0.950").contains("0.800").contains("10%");
        });
    }

    @Test
    void aBaselineFieldTheReportLacksIsAnError() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        Files.writeString(baseline, "{\"ratios\": {\"warp_drive_ratio\": 1.0}}");
        assertThatThrownBy(() -> BaselineGuard.check(baseline, report(1, 1))).hasMessageContaining("warp_drive_ratio");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> v = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
        assertThat(Stats.median(v)).isEqualTo(3.0);
        assertThat(Stats.percentile(v, 100)).isEqualTo(5.0);
        assertThat(Stats.percentile(v, 1)).isEqualTo(1.0);
        assertThat(Stats.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void drawsTheSweepChart() throws Exception {
        var sweep = List.of(
                new BenchReport.SweepPoint(1, 5, 5, new BenchReport.Latency(30, 40, 50), 0, 0.3, 1 << 28, true, 0.4),
                new BenchReport.SweepPoint(4, 20, 20, new BenchReport.Latency(35, 60, 90), 0, 0.3, 1 << 29, true, 0.4));
        Path png = ChartWriter.write(sweep, dir.resolve("bench.png"));
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
