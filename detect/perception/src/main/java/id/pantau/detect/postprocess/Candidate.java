package id.pantau.detect.postprocess;

import id.pantau.core.perception.RoadUserClass;

/**
 * A decoded detection before NMS, in model-input pixels.
 *
 * @param classId  the model's class id (index into the manifest's class names)
 * @param roadUser the road-user class it maps to
 */
public record Candidate(int classId, RoadUserClass roadUser, float score, float x1, float y1, float x2, float y2) {

    public float area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    public float iou(Candidate o) {
        float inter = intersection(o);
        float union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Share of the smaller box covered by the other: catches a tile's cut-off part of a vehicle. */
    public float overlapOfSmaller(Candidate o) {
        float smaller = Math.min(area(), o.area());
        return smaller <= 0 ? 0 : intersection(o) / smaller;
    }

    private float intersection(Candidate o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return iw <= 0 || ih <= 0 ? 0 : iw * ih;
    }
}
