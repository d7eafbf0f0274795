package id.pantau.core.perception;

import java.util.List;

/**
 * A tracked road user in one frame.
 *
 * @param trackId  stable per camera for the life of the track, never reused
 * @param roadUser class (majority vote over the track's detections)
 * @param score    score of the last matched detection
 * @param box      current (filtered) box in source pixels
 * @param state    track state
 * @param groundHistory recent ground-contact points (bottom-centre), oldest first, the current one last
 */
public record TrackedObject(long trackId, RoadUserClass roadUser, float score, BoundingBox box, TrackState state,
                            List<Point> groundHistory) {
    public TrackedObject {
        groundHistory = List.copyOf(groundHistory);
    }

    public Point groundPoint() {
        return box.groundPoint();
    }
}
