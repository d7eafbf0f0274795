package id.pantau.detect.analytics.violation;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Tells whether a new red-light violator is a road user already reported under another track. A COCO detector
 * reports a motorcycle and its rider (and a pillion passenger) as separate boxes, and the tracker follows each:
 * one motorcycle running the red would otherwise be two or three violations. A track is the same road user as a
 * reported one when one of the two is a person and, in some frame of the last {@link #LINK_S} seconds, their
 * boxes overlapped mostly and stood on the same ground (a rider's feet are level with the wheels). The link is
 * remembered because it is clearest close to the camera: further away the rider's box shrinks to the upper body
 * and no longer looks like the same road user as the bike. Two motorcycles are never merged, however close: in a
 * queue they overlap in the picture and are still two violators.
 */
final class SameRoadUser {
    /** Intersection over the smaller box above which a rider and a vehicle box are one road user. */
    static final double SAME_OVERLAP = 0.5;
    /** Ground points this close (as a share of the taller box) stand on the same spot. */
    private static final double SAME_GROUND = 0.3;

    /** How long a seen rider-vehicle link is remembered. */
    private static final double LINK_S = 3.0;

    /** Per track, the tracks it was last seen as one road user with, and when. */
    private final Map<Long, Map<Long, Instant>> links = new HashMap<>();
    /** The class each track had when last seen. */
    private final Map<Long, RoadUserClass> classes = new HashMap<>();
    /** Reported tracks and when they were reported. */
    private final Map<Long, Instant> reported = new HashMap<>();

    /** Intersection area over the smaller box's area, 0..1. */
    static double overlap(BoundingBox a, BoundingBox b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        return w * h / Math.max(1e-9, Math.min(a.area(), b.area()));
    }

    static boolean sameRoadUser(TrackedObject x, TrackedObject y) {
        if (x.roadUser() != RoadUserClass.PERSON && y.roadUser() != RoadUserClass.PERSON) {
            return false;
        }
        double tall = Math.max(x.box().height(), y.box().height());
        return overlap(x.box(), y.box()) >= SAME_OVERLAP
                && Math.abs(x.box().y2() - y.box().y2()) <= SAME_GROUND * tall;
    }

    /** Notes which tracks of this frame are one road user (a person over a vehicle, or two people on one). */
    void observe(TrackedFrame frame) {
        Instant now = frame.captureTime();
        var objects = frame.objects();
        objects.forEach(o -> classes.put(o.trackId(), o.roadUser()));
        for (int i = 0; i < objects.size(); i++) {
            for (int j = i + 1; j < objects.size(); j++) {
                TrackedObject x = objects.get(i);
                TrackedObject y = objects.get(j);
                if (sameRoadUser(x, y)) {
                    links.computeIfAbsent(x.trackId(), k -> new HashMap<>()).put(y.trackId(), now);
                    links.computeIfAbsent(y.trackId(), k -> new HashMap<>()).put(x.trackId(), now);
                }
            }
        }
    }

    /** The reported track that {@code trackId} was recently seen as one road user with, if any. */
    OptionalLong duplicateOf(long trackId) {
        for (Map.Entry<Long, Instant> e : links.getOrDefault(trackId, Map.of()).entrySet()) {
            if (reported.containsKey(e.getKey())) {
                return OptionalLong.of(e.getKey());
            }
        }
        return OptionalLong.empty();
    }

    /** Whether a person track was recently seen as one road user with a motorcycle or bicycle: its rider. */
    boolean ridesTwoWheeler(long personTrackId) {
        for (Long other : links.getOrDefault(personTrackId, Map.of()).keySet()) {
            RoadUserClass c = classes.get(other);
            if (c == RoadUserClass.MOTORCYCLE || c == RoadUserClass.BICYCLE) {
                return true;
            }
        }
        return false;
    }

    void reported(TrackedObject o, Instant at) {
        reported.put(o.trackId(), at);
    }

    void forgetBefore(Instant now, double afterS) {
        reported.values().removeIf(at -> Seconds.between(at, now) > afterS);
        links.values().forEach(m -> m.values().removeIf(at -> Seconds.between(at, now) > LINK_S));
        links.values().removeIf(Map::isEmpty);
        classes.keySet().removeIf(id -> !links.containsKey(id) && !reported.containsKey(id));
    }
}
