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
        Goals goals,
        MachineInfo machine,
        Settings settings,
        SameWorkDecode decodeSameWork,
        Capacity capacity) {

    /**
     * One node at its limit and past it (issue #18). {@code computedLimit}: the cameras the cores could carry by the
     * bench's own per-stage CPU costs (ingest per camera-second measured on the real reader, analysis per frame from
     * the stage profile times the analysed rate, the detector's share from the motion gate's measured skipping);
     * {@code heldVsLimit}: cameras held with no drops over that limit. On a shared machine the limit is computed
     * on {@code availableCores}, the CPU one busy thread per core got right before and after the sweep
     * ({@link CpuAvailability}); {@code computedLimitAllCores} is the same on every core, and {@code loadAverage}
     * the 1-minute load then. The overload curve runs 1.5x and 2x the cameras
     * held: {@code rateVsHeld} is the analysed rate over the held cameras' target rate, {@code minCameraShare} the
     * least-served camera over the mean. {@code rssPerCameraMib}: the slope of peak RSS over cameras across every run;
     * {@code heldMemoryPerCameraMib}: the slope of the memory held at the end of each run (RSS less the heap committed
     * but empty after a full collection), which the memory goal is judged on.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Capacity(double ingestCpuMsPerCameraSecond, double analysisCpuMsPerCameraSecond,
                           double availableCores, List<Double> loadAverage, double computedLimitAllCores,
                           double computedLimit, int camerasHeld, double heldVsLimit, double heldPerCore,
                           List<OverloadPoint> overload, double overloadMinRateVsHeld, double overloadMaxP95Ms,
                           double overloadMinCameraShare, double rssPerCameraMib, double heldMemoryPerCameraMib,
                           Goals goals) {
        /** The goals for these figures. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        public record Goals(boolean heldVsLimitMet, boolean overloadRateMet, boolean overloadLatencyMet,
                            boolean memoryMet) {
            public static final double HELD_VS_LIMIT = 0.95;
            public static final double OVERLOAD_P95_MS = 1000;
            public static final double RSS_PER_CAMERA_MIB = 60;
        }
    }

    /** A run past the cameras held. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OverloadPoint(double factor, int cameras, double analysedFps, double rateVsHeld, Latency latencyMs,
                                double minCameraShare, long framesDropped, long peakMemoryBytes) {
    }

    /**
     * The decode reference doing the work ingest does: when the cameras skip non-reference frames, FFmpeg is run
     * with {@code -skip_frame nonref} too, so the ratio shows the reader's own overhead apart from the gain of
     * skipping (which the headline ratio against FFmpeg's full decode includes).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SameWorkDecode(boolean skipsNonReferenceFrames, double ffmpegDecodeFps, double decodeRatio) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Latency(double p50, double p95, double p99) {
    }

    /** One pipeline run with N cameras. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SweepPoint(int cameras, double analysedFps, double targetFps, Latency latencyMs, long framesDropped,
                             double cpuSecondsPerCameraSecond, long peakMemoryBytes, boolean heldRate,
                             double motionSkippedRatio) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String input, int cameras, double seconds, double analysisFps, boolean rtsp,
                           String model, int decodeThreads, int inferenceThreads, int inferenceConcurrency,
                           String analytics, int repetitions) {
    }

    /**
     * Where the run stands against the goals: decode within 90 % of FFmpeg, pre- plus post-processing
     * under 15 % of the inference time, and 8 cameras analysed at 5 fps with no drops on 2 cores.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Goals(double decodeRatio, boolean decodeMet, double prePostShareOfInference, boolean prePostMet,
                        int camerasHeld, int camerasWanted, boolean camerasMet) {
        public static final double DECODE_RATIO = 0.90;
        public static final double PRE_POST_SHARE = 0.15;
        public static final int CAMERAS = 8;

        public static Goals of(double decodeRatio, double prePostShare, int camerasHeld) {
            return new Goals(decodeRatio, decodeRatio >= DECODE_RATIO, prePostShare, prePostShare < PRE_POST_SHARE,
                    camerasHeld, CAMERAS, camerasHeld >= CAMERAS);
        }
    }
}
