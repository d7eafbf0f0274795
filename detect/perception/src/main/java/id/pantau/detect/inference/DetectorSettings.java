package id.pantau.detect.inference;

import id.pantau.detect.runtime.ExecutionProvider;

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
 * @param crossClassIou cross-class NMS IoU; off by default (>= 1): the detector reports what the model sees,
 *                      class-aware, and the tracker merges one vehicle reported as both car and truck
 * @param maxBatch      most frames {@link Detector#detectAll} puts in one inference when the model's input takes a
 *                      dynamic batch (a fixed batch-1 model, such as the shipped yolox_nano, runs them one by one
 *                      whatever this says; {@code DynamicBatchExport} derives a dynamic copy). Each slot then holds
 *                      an input of this many images (2 MB each at 416x416), and one batch waits for its slowest
 *                      frame, so it bounds memory and latency; 1 turns batching off.
 */
public record DetectorSettings(ExecutionProvider provider, int cudaDevice, int intraOpThreads, int concurrency,
                               Map<RoadUserClass, Float> thresholds, boolean trainIsBus, float nmsIou,
                               float crossClassIou, int maxBatch) {
    /** Frames per batched inference by default: a node's cameras in one or two batches, 16 MB of input per slot. */
    public static final int DEFAULT_MAX_BATCH = 8;

    public DetectorSettings {
        if (intraOpThreads < 1 || concurrency < 1) {
            throw new IllegalArgumentException("detector threads (" + intraOpThreads + ") and concurrency ("
                    + concurrency + ") must be at least 1");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("detector max batch (" + maxBatch + ") must be at least 1");
        }
        Map<RoadUserClass, Float> t = new EnumMap<>(RoadUserMapping.defaultThresholds());
        t.putAll(thresholds);
        thresholds = Map.copyOf(t);
    }

    /** Settings from before batching: the default {@link #DEFAULT_MAX_BATCH}. */
    public DetectorSettings(ExecutionProvider provider, int cudaDevice, int intraOpThreads, int concurrency,
                            Map<RoadUserClass, Float> thresholds, boolean trainIsBus, float nmsIou,
                            float crossClassIou) {
        this(provider, cudaDevice, intraOpThreads, concurrency, thresholds, trainIsBus, nmsIou, crossClassIou,
                DEFAULT_MAX_BATCH);
    }

    /** A cross-class IoU that never triggers. */
    public static final float NO_CROSS_CLASS = 1.01f;

    /** Throughput defaults for a live pipeline on 2 cores: two inferences at a time, one thread each. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(ExecutionProvider.CPU, 0, 1, 2, Map.of(), true, 0.45f, NO_CROSS_CLASS,
                DEFAULT_MAX_BATCH);
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
                crossClassIou, maxBatch);
    }

    public DetectorSettings withProvider(ExecutionProvider p, int device) {
        return new DetectorSettings(p, device, intraOpThreads, concurrency, thresholds, trainIsBus, nmsIou,
                crossClassIou, maxBatch);
    }

    public DetectorSettings withThreshold(RoadUserClass c, float threshold) {
        Map<RoadUserClass, Float> t = new EnumMap<>(thresholds);
        t.put(c, threshold);
        return new DetectorSettings(provider, cudaDevice, intraOpThreads, concurrency, t, trainIsBus, nmsIou,
                crossClassIou, maxBatch);
    }

    public DetectorSettings withTrainIsBus(boolean on) {
        return new DetectorSettings(provider, cudaDevice, intraOpThreads, concurrency, thresholds, on, nmsIou,
                crossClassIou, maxBatch);
    }

    /** At most {@code frames} frames per batched inference (1: none batched). */
    public DetectorSettings withMaxBatch(int frames) {
        return new DetectorSettings(provider, cudaDevice, intraOpThreads, concurrency, thresholds, trainIsBus, nmsIou,
                crossClassIou, frames);
    }
}
