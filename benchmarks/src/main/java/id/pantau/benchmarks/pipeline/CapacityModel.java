package id.pantau.benchmarks.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The CPU-bound camera limit computed from the bench's own per-stage costs, and the memory slope of a sweep: what
 * the measured cameras-held is judged against.
 */
public final class CapacityModel {
    private CapacityModel() {
    }

    /**
     * CPU milliseconds one camera's analysis costs per second: per analysed frame the motion gate, tracking and
     * analytics, and the detector (pre-processing, inference, post-processing) on the frames the gate lets through.
     */
    public static double analysisCpuMsPerCameraSecond(Map<String, Double> stageMs, double analysisFps,
                                                      double motionSkippedRatio) {
        double detector = stageMs.get(StageProfiler.PREPROCESS) + stageMs.get(StageProfiler.INFERENCE)
                + stageMs.get(StageProfiler.POSTPROCESS);
        double perFrame = stageMs.get(StageProfiler.MOTION_GATE) + (1 - motionSkippedRatio) * detector
                + stageMs.get(StageProfiler.TRACKING) + stageMs.getOrDefault(StageProfiler.ANALYTICS, 0.0);
        return analysisFps * perFrame;
    }

    /** Cameras the cores carry at these costs (CPU ms per camera-second). */
    public static double limit(int cores, double ingestMs, double analysisMs) {
        return cores * 1000.0 / (ingestMs + analysisMs);
    }

    /** Least-squares slope of peak RSS (MiB) over the number of cameras; NaN with fewer than two distinct N. */
    public static double rssPerCameraMib(List<int[]> camerasAndMib) {
        int n = camerasAndMib.size();
        double mx = camerasAndMib.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = camerasAndMib.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (int[] p : camerasAndMib) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
