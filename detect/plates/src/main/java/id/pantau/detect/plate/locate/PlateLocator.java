package id.pantau.detect.plate.locate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.image.Quad;
import id.pantau.detect.runtime.OnnxModel;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds licence plates with their four corners using HyperLPR's YOLOv5-face style detector ({@code y5fu}).
 *
 * <p>Pre-processing as HyperLPR3 feeds it: letterbox centred in a square canvas padded with 114, RGB, 0..1.
 * Each output row is already decoded to input pixels: cx, cy, w, h, objectness, 4 corners (x,y) and 2 class scores
 * (one-row, two-row plate); score = objectness x best class, then NMS.
 */
public final class PlateLocator {
    private static final int ROW = 15;
    private static final int[] RGB = {2, 1, 0};
    private static final float[] ZERO = {0, 0, 0};
    private static final float[] ONE = {1, 1, 1};

    private final OnnxModel model;
    private final int inputSize;
    private final double minScore;
    private final double nmsIou;

    /**
     * @param inputSize 640 or 320, matching the model file
     * @param minScore  plates below this confidence are dropped (HyperLPR uses 0.3 on objectness)
     */
    public PlateLocator(OnnxModel model, int inputSize, double minScore) {
        this.model = model;
        this.inputSize = inputSize;
        this.minScore = minScore;
        this.nmsIou = 0.5;
    }

    /** Plates in the picture, best first. */
    public List<PlateCandidate> detect(Mat bgr) {
        double r = Math.min((double) inputSize / bgr.rows(), (double) inputSize / bgr.cols());
        int nw = Math.max(1, (int) (bgr.cols() * r)), nh = Math.max(1, (int) (bgr.rows() * r));
        int left = (inputSize - nw) / 2, top = (inputSize - nh) / 2;
        float[] input = new float[3 * inputSize * inputSize];
        try (Mat resized = MatImages.resize(bgr, nw, nh); Mat canvas = new Mat()) {
            opencv_core.copyMakeBorder(resized, canvas, top, inputSize - nh - top, left, inputSize - nw - left,
                    opencv_core.BORDER_CONSTANT, new Scalar(114, 114, 114, 0));
            MatImages.toChw(canvas, RGB, 1f / 255, ZERO, ONE, input, inputSize, inputSize);
        }
        OnnxModel.Tensor out = model.run("input", input, 1, 3, inputSize, inputSize);
        float[] v = out.values();
        int rows = out.dim(1);
        List<PlateCandidate> found = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int o = i * ROW;
            float obj = v[o + 4];
            if (obj < minScore) {
                continue;
            }
            float single = v[o + 13] * obj, twoRow = v[o + 14] * obj;
            double score = Math.max(single, twoRow);
            if (score < minScore) {
                continue;
            }
            double cx = v[o], cy = v[o + 1], w = v[o + 2], h = v[o + 3];
            BoundingBox box = new BoundingBox(unmap(cx - w / 2, left, r), unmap(cy - h / 2, top, r),
                    unmap(cx + w / 2, left, r), unmap(cy + h / 2, top, r)).clip(bgr.cols(), bgr.rows());
            List<Point> corners = new ArrayList<>(4);
            for (int k = 0; k < 4; k++) {
                corners.add(new Point(unmap(v[o + 5 + 2 * k], left, r), unmap(v[o + 6 + 2 * k], top, r)));
            }
            found.add(new PlateCandidate(box, Quad.ofCorners(corners), score, twoRow > single));
        }
        return nonMaximumSuppression(found);
    }

    private static double unmap(double v, int offset, double r) {
        return (v - offset) / r;
    }

    private List<PlateCandidate> nonMaximumSuppression(List<PlateCandidate> candidates) {
        candidates.sort(Comparator.comparingDouble(PlateCandidate::score).reversed());
        List<PlateCandidate> kept = new ArrayList<>();
        for (PlateCandidate c : candidates) {
            if (kept.stream().noneMatch(k -> k.box().iou(c.box()) > nmsIou)) {
                kept.add(c);
            }
        }
        return kept;
    }
}
