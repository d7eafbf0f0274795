package id.pantau.detect.track;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedObject;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/** One tracked road user inside {@link ByteTracker}: Kalman state, life state, class votes, ground history. */
final class Track {
    final long id;
    final KalmanBoxFilter.State kalman;
    TrackState state = TrackState.TENTATIVE;
    int hits = 1;
    int framesSinceUpdate;
    float lastScore;
    private final Map<RoadUserClass, Float> classVotes = new EnumMap<>(RoadUserClass.class);
    private final ArrayDeque<Point> ground = new ArrayDeque<>();
    private final int historyLength;

    Track(long id, KalmanBoxFilter.State kalman, Detection first, int historyLength) {
        this.id = id;
        this.kalman = kalman;
        this.historyLength = historyLength;
        vote(first);
    }

    void vote(Detection d) {
        lastScore = d.score();
        classVotes.merge(d.roadUser(), d.score(), Float::sum);
    }

    /** The class with the largest summed score over the track's detections. */
    RoadUserClass roadUser() {
        RoadUserClass best = null;
        float bestVotes = -1;
        for (Map.Entry<RoadUserClass, Float> e : classVotes.entrySet()) {
            if (e.getValue() > bestVotes) {
                bestVotes = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    /** The filtered box: state (cx, cy, a, h) back to corners, kept non-degenerate. */
    BoundingBox box() {
        double[] m = kalman.mean;
        double h = Math.max(1e-3, m[3]);
        double w = Math.max(1e-3, m[2] * h);
        return BoundingBox.ofCenter(m[0], m[1], w, h);
    }

    void recordGroundPoint() {
        ground.addLast(box().groundPoint());
        while (ground.size() > historyLength) {
            ground.removeFirst();
        }
    }

    TrackedObject snapshot() {
        return new TrackedObject(id, roadUser(), lastScore, box(), state, ground.stream().toList());
    }

    static double[] measurement(BoundingBox b) {
        double h = Math.max(1e-3, b.height());
        return new double[] {b.centerX(), b.centerY(), b.width() / h, h};
    }
}
