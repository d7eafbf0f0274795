package id.pantau.benchmarks.pipeline;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * What {@code ./pantau bench} writes. The headline fields sit at the top level with plain names so a reader (or a
 * dashboard) finds them without knowing the rest: decode and inference rates beside their references measured in
 * the same run, their ratios, frame-to-event latency, drops, and cameras per core.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BenchReport(
        double decodeFps,
        double ffmpegDecodeFps,
        double decodeRatioVsFfmpeg,
        double inferenceFps,
        double bareOrtInferenceFps,
        double inferenceRatioVsBareOrt,
        Latency latencyMs,
        long framesDropped,
        double camerasPerCore,
        Map<String, Double> stageFps,
        Map<String, Double> stageMsPerFrame,
        List<SweepPoint> sweep,
        MachineInfo machine,
        Settings settings) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Latency(double p50, double p95, double p99) {
    }

    /** One pipeline run with N cameras. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SweepPoint(int cameras, double analysedFps, double targetFps, Latency latencyMs, long framesDropped,
                             double cpuSecondsPerCameraSecond, long peakMemoryBytes, boolean heldRate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String input, int cameras, double seconds, double analysisFps, boolean rtsp,
                           String model, int decodeThreads, int inferenceThreads, int repetitions) {
    }
}
