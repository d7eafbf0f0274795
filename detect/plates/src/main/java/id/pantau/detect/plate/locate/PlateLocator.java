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

    /**
     * One look at the picture: {@code shrink} &gt;= 1 places the picture at 1/shrink of the detector's input (the
     * rest padded grey), so large close-up plates come down to the sizes the detector was trained on;
     * {@code inverted} flips the colours, so a black plate with white characters looks like a light plate with
     * dark ones.
     */
    public record Pass(double shrink, boolean inverted) {
        public Pass {
            if (!(shrink >= 1)) {
                throw new IllegalArgumentException("shrink must be >= 1, got " + shrink);
            }
        }
    }

    /**
     * Plates seen in any of the passes, merged by non-maximum suppression (best score first). The y5fu detector
     * was trained on Chinese plates: on Indonesian street photos it misses many black plates (found on the
     * inverted picture) and plates that fill a large part of the picture (found when shrunk).
     */
    public List<PlateCandidate> detect(Mat bgr, List<Pass> passes) {
        List<PlateCandidate> all = new ArrayList<>();
        for (Pass p : passes) {
            int w = (int) Math.round(bgr.cols() * p.shrink()), h = (int) Math.round(bgr.rows() * p.shrink());
            int left = (w - bgr.cols()) / 2, top = (h - bgr.rows()) / 2;
            try (Mat canvas = new Mat()) {
                if (p.shrink() > 1) {
                    opencv_core.copyMakeBorder(bgr, canvas, top, h - bgr.rows() - top, left, w - bgr.cols() - left,
                            opencv_core.BORDER_CONSTANT, new Scalar(114, 114, 114, 0));
                } else {
                    bgr.copyTo(canvas);
                }
                if (p.inverted()) {
                    opencv_core.bitwise_not(canvas, canvas);
                }
                for (PlateCandidate c : detect(canvas)) {
                    BoundingBox b = c.box();
                    all.add(new PlateCandidate(new BoundingBox(b.x1() - left, b.y1() - top, b.x2() - left,
                            b.y2() - top).clip(bgr.cols(), bgr.rows()), c.corners().translate(-left, -top), c.score(),
                            c.doubleRow()));
                }
            }
        }
        return nonMaximumSuppression(all);
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

    /** Share of {@code a}'s area that lies inside {@code b}. */
    private static double inside(BoundingBox a, BoundingBox b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        return w <= 0 || h <= 0 || a.area() <= 0 ? 0 : w * h / a.area();
    }

    private static double unmap(double v, int offset, double r) {
        return (v - offset) / r;
    }

    private List<PlateCandidate> nonMaximumSuppression(List<PlateCandidate> candidates) {
        candidates.sort(Comparator.comparingDouble(PlateCandidate::score).reversed());
        List<PlateCandidate> kept = new ArrayList<>();
        for (PlateCandidate c : candidates) {
            // also drop a box lying mostly inside a better one: the detector often finds part of a plate too
            if (kept.stream().noneMatch(k -> k.box().iou(c.box()) > nmsIou || inside(c.box(), k.box()) > 0.7)) {
                kept.add(c);
            }
        }
        return kept;
    }
}
