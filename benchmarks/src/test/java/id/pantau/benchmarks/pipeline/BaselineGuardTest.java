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
                new BenchReport.Settings("clip.mp4", 1, 10, 5, false, "yolox_nano", 1, 1, 2, "none", 3), null, null);
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
    void theSameWorkDecodeRatioIsGuardedSoSkippingCannotHideASlowerIngest() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        BenchReport accepted = withSameWork(report(0.99, 0.96), 0.77);
        BaselineGuard.accept(baseline, accepted, 0.10);
        assertThat(Files.readString(baseline)).contains("\"decode_same_work.decode_ratio\" : 0.77");
        assertThat(BaselineGuard.check(baseline, withSameWork(report(0.99, 0.96), 0.75))).isEmpty();
        // the headline ratio still passes (FFmpeg decodes every frame), the same-work one fell by 22 %
        assertThat(BaselineGuard.check(baseline, withSameWork(report(0.95, 0.96), 0.60))).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("decode_same_work.decode_ratio"));
    }

    @Test
    void capacityRatiosAreGuardedAndMemoryPerCameraFailsWhenItRises() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        BaselineGuard.accept(baseline, withCapacity(report(0.99, 0.96), 0.97, 1.02, 0.9, 45), 0.15);
        assertThat(Files.readString(baseline)).contains("\"capacity.held_vs_limit\" : 0.97")
                .contains("\"capacity.held_memory_per_camera_mib\" : 45.0");
        assertThat(BaselineGuard.check(baseline, withCapacity(report(0.99, 0.96), 0.90, 1.0, 0.85, 50))).isEmpty();
        List<BaselineGuard.Regression> worse = BaselineGuard.check(baseline,
                withCapacity(report(0.99, 0.96), 0.70, 1.0, 0.5, 60));
        assertThat(worse).extracting(BaselineGuard.Regression::field).containsExactlyInAnyOrder(
                "capacity.held_vs_limit", "capacity.overload_min_camera_share", "capacity.held_memory_per_camera_mib");
        assertThat(worse).filteredOn(r -> r.field().equals("capacity.held_memory_per_camera_mib")).singleElement()
                .satisfies(r -> assertThat(r.toString()).contains("rose from 45.000 to 60.000"));
    }

    private static BenchReport withCapacity(BenchReport r, double heldVsLimit, double overloadRate, double share,
                                            double rssPerCamera) {
        var goals = new BenchReport.Capacity.Goals(true, true, true, true);
        var capacity = new BenchReport.Capacity(400, 500, 2, List.of(0.5, 0.6), 4.4, 4.4, 4, heldVsLimit, 2, List.of(), overloadRate, 600,
                share, rssPerCamera, rssPerCamera, goals);
        return new BenchReport(r.decodeFps(), r.ffmpegDecodeFps(), r.decodeRatioVsFfmpeg(), r.inferenceFps(),
                r.bareOrtInferenceFps(), r.inferenceRatioVsBareOrt(), r.latencyMs(), r.framesDropped(),
                r.camerasPerCore(), r.stageFps(), r.stageMsPerFrame(), r.sweep(), r.goals(), r.machine(), r.settings(),
                new BenchReport.SameWorkDecode(true, 400, 0.77), capacity);
    }

    private static BenchReport withSameWork(BenchReport r, double ratio) {
        return new BenchReport(r.decodeFps(), r.ffmpegDecodeFps(), r.decodeRatioVsFfmpeg(), r.inferenceFps(),
                r.bareOrtInferenceFps(), r.inferenceRatioVsBareOrt(), r.latencyMs(), r.framesDropped(),
                r.camerasPerCore(), r.stageFps(), r.stageMsPerFrame(), r.sweep(), r.goals(), r.machine(), r.settings(),
                new BenchReport.SameWorkDecode(true, 400, ratio), r.capacity());
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
