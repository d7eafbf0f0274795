package id.pantau.detect.rider;

import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Motion over frames, for {@link RiderMerger} on video: a person box that moved from the previous analysed frame
 * by more than {@link #RIDER_HEIGHTS_PER_S} of its own height per second is riding. Walking is about 1.4 m/s for a
 * 1.7 m person (0.8 heights/s), a brisk walk or a jog up to about 1.5; a motorbike in town does 4-10 m/s (3-7
 * heights/s of a seated rider's box). Heights are used so that no calibration is needed. Each person is matched
 * to the nearest previous person of similar height (0.67-1.5x) within 3 heights; unmatched persons are not
 * called moving.
 */
public final class PersonMotion {
    public static final double RIDER_HEIGHTS_PER_S = 2.0;
    private List<Detection> previous = List.of();
    private long previousMicros = Long.MIN_VALUE;

    /** Feeds one analysed frame's detections; returns the test for this frame's persons. */
    public Predicate<Detection> update(List<Detection> detections, long streamTimeMicros) {
        List<Detection> persons = new ArrayList<>();
        for (Detection d : detections) {
            if (d.roadUser() == RoadUserClass.PERSON) {
                persons.add(d);
            }
        }
        List<Detection> before = previous;
        double dt = previousMicros == Long.MIN_VALUE ? 0 : (streamTimeMicros - previousMicros) / 1e6;
        previous = persons;
        previousMicros = streamTimeMicros;
        if (!(dt > 0) || dt > 1.0) {
            return d -> false;
        }
        return d -> heightsPerSecond(d, before, dt) >= RIDER_HEIGHTS_PER_S;
    }

    static double heightsPerSecond(Detection d, List<Detection> before, double dt) {
        double h = d.box().height();
        double best = Double.MAX_VALUE;
        for (Detection b : before) {
            double ratio = b.box().height() / h;
            if (ratio < 0.67 || ratio > 1.5) {
                continue;
            }
            double dist = Math.hypot(b.box().centerX() - d.box().centerX(), b.box().centerY() - d.box().centerY());
            best = Math.min(best, dist);
        }
        return best <= 3 * h ? best / h / dt : 0;
    }
}
