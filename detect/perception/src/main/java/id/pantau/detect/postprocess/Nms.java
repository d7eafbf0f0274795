package id.pantau.detect.postprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression, class-aware by road-user class (so a "train" mapped to bus and a "bus" on the
 * same vehicle merge). Optionally also across classes at a high IoU (YOLOX often reports one pickup as both car
 * and truck with near-identical boxes) and by containment (a tile's cut-off part of a vehicle).
 */
public final class Nms {
    private final float iouThreshold;
    private final float crossClassIou;
    private final float containment;

    /**
     * @param iouThreshold  same-class boxes overlapping more than this are suppressed (0.45 is the YOLOX default)
     * @param crossClassIou boxes of different classes overlapping more than this are suppressed (>= 1 disables)
     * @param containment   a same-class box whose area lies more than this inside a better box is suppressed
     *                      (>= 1 disables); used when merging tiles, where a cut-off part of a vehicle remains
     */
    public Nms(float iouThreshold, float crossClassIou, float containment) {
        this.iouThreshold = iouThreshold;
        this.crossClassIou = crossClassIou;
        this.containment = containment;
    }

    /** Class-aware NMS at IoU 0.45 (the YOLOX default), nothing across classes. */
    public static Nms defaults() {
        return new Nms(0.45f, 1.01f, 1.01f);
    }

    /** Returns the kept candidates, best score first. The input is not modified. */
    public List<Candidate> apply(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (!suppressed(c, kept)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private boolean suppressed(Candidate c, List<Candidate> kept) {
        for (Candidate k : kept) {
            float iou = k.iou(c);
            if (k.roadUser() == c.roadUser()) {
                if (iou > iouThreshold || k.overlapOfSmaller(c) > containment) {
                    return true;
                }
            } else if (iou > crossClassIou) {
                return true;
            }
        }
        return false;
    }
}
