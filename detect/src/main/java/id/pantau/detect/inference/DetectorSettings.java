package id.pantau.detect.inference;

import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.model.RoadUserMapping;

import java.util.EnumMap;
import java.util.Map;

/**
 * How a detector runs and filters.
 *
 * @param provider      CPU (default) or CUDA (needs the {@code -Pgpu} build and a CUDA install)
 * @param cudaDevice    GPU index when the provider is CUDA
 * @param intraOpThreads ONNX Runtime threads inside one inference
 * @param concurrency   inferences that may run at once (each has its own DJL Predictor and input buffer; they
 *                      share one ONNX Runtime session, which is thread-safe). On 2 cores, 2 x intra=1 gave the best
 *                      throughput (RECIPES.md section 4), 1 x intra=2 the best latency.
 * @param thresholds    score threshold per road-user class
 * @param trainIsBus    count a COCO "train" as a bus (road scenes; see {@link RoadUserMapping})
 * @param nmsIou        same-class NMS IoU
 * @param crossClassIou cross-class NMS IoU (one vehicle reported as car and truck)
 */
public record DetectorSettings(ExecutionProvider provider, int cudaDevice, int intraOpThreads, int concurrency,
                               Map<RoadUserClass, Float> thresholds, boolean trainIsBus, float nmsIou,
                               float crossClassIou) {
    public DetectorSettings {
        if (intraOpThreads < 1 || concurrency < 1) {
            throw new IllegalArgumentException("detector threads (" + intraOpThreads + ") and concurrency ("
                    + concurrency + ") must be at least 1");
        }
        Map<RoadUserClass, Float> t = new EnumMap<>(RoadUserMapping.defaultThresholds());
        t.putAll(thresholds);
        thresholds = Map.copyOf(t);
    }

    /** Throughput defaults for a live pipeline on 2 cores: two inferences at a time, one thread each. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(ExecutionProvider.CPU, 0, 1, 2, Map.of(), true, 0.45f, 0.8f);
    }

    /** Latency defaults for one stream (the CLI): one inference at a time using {@code threads} threads. */
    public static DetectorSettings singleStream(int threads) {
        return defaults().withThreads(threads, 1);
    }

    /**
     * For the tracking pipeline: every class kept down to 0.1, because ByteTrack's second association uses the
     * low-score boxes; the per-class thresholds then apply in the tracker ({@code TrackerSettings}).
     */
    public static DetectorSettings forTracking(int intraOpThreads, int concurrency) {
        DetectorSettings d = defaults().withThreads(intraOpThreads, concurrency);
        for (RoadUserClass c : RoadUserClass.values()) {
            d = d.withThreshold(c, TRACKING_FLOOR);
        }
        return d;
    }

    /** Lowest score the tracking detector reports. */
    public static final float TRACKING_FLOOR = 0.1f;

    public DetectorSettings withThreads(int intra, int parallel) {
        return new DetectorSettings(provider, cudaDevice, intra, parallel, thresholds, trainIsBus, nmsIou,
                crossClassIou);
    }

    public DetectorSettings withProvider(ExecutionProvider p, int device) {
        return new DetectorSettings(p, device, intraOpThreads, concurrency, thresholds, trainIsBus, nmsIou,
                crossClassIou);
    }

    public DetectorSettings withThreshold(RoadUserClass c, float threshold) {
        Map<RoadUserClass, Float> t = new EnumMap<>(thresholds);
        t.put(c, threshold);
        return new DetectorSettings(provider, cudaDevice, intraOpThreads, concurrency, t, trainIsBus, nmsIou,
                crossClassIou);
    }

    public DetectorSettings withTrainIsBus(boolean on) {
        return new DetectorSettings(provider, cudaDevice, intraOpThreads, concurrency, thresholds, on, nmsIou,
                crossClassIou);
    }
}
