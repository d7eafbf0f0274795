package id.pantau.detect.inference;

import id.pantau.core.perception.Detection;
import id.pantau.detect.postprocess.Candidate;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.PixelRegion;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * One detector slot, step by step: the same code {@link OnnxDetector#detect} runs, cut at its stage boundaries so
 * a profiler can time letterbox, inference and post-processing apart. The detector's own surface stays
 * {@code detect}/{@code detectAll}; this view holds a slot until closed, so close it.
 */
public final class StagedInference implements AutoCloseable {
    private final OnnxDetector detector;
    private final OnnxDetector.Slot slot;

    StagedInference(OnnxDetector detector) {
        this.detector = detector;
        this.slot = detector.borrow();
    }

    /** Letterboxes a region of a packed BGR24 image into the slot's input tensor. */
    public Letterbox preprocess(ByteBuffer bgr, int width, int height, PixelRegion region) {
        return detector.preprocess(slot, bgr, width, height, region);
    }

    /** The input tensor {@link #preprocess} filled (to feed a reference session the same numbers). */
    public FloatBuffer inputTensor() {
        return slot.preprocessor().tensor();
    }

    public RawOutput infer() {
        return detector.infer(slot);
    }

    public List<Candidate> decode(RawOutput out) {
        return detector.decode(out);
    }

    public List<Candidate> nms(List<Candidate> candidates) {
        return detector.nms(candidates);
    }

    public List<Detection> toDetections(List<Candidate> candidates, Letterbox lb) {
        return detector.toDetections(candidates, lb);
    }

    /** Decode, NMS and the mapping back to source pixels: everything after inference. */
    public List<Detection> postprocess(RawOutput out, Letterbox lb) {
        return toDetections(nms(decode(out)), lb);
    }

    @Override
    public void close() {
        detector.release(slot);
    }
}
