package id.pantau.core.perception;

import java.util.Objects;

/**
 * One object found by a detector in one frame.
 *
 * @param roadUser the road-user class, empty-handed classes (traffic light, ...) are not reported as detections
 * @param modelClass the model's own class name ("bus", "train", ...), kept for diagnostics
 * @param score    confidence in [0, 1]
 * @param box      source-frame pixels
 */
public record Detection(RoadUserClass roadUser, String modelClass, float score, BoundingBox box) {
    public Detection {
        Objects.requireNonNull(roadUser, "roadUser");
        Objects.requireNonNull(box, "box");
    }
}
