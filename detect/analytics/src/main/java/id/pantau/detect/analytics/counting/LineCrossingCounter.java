package id.pantau.detect.analytics.counting;

import id.pantau.core.camera.config.CameraConfig.CountingLine;
import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.EventIds;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.CameraGeometry;
import id.pantau.detect.analytics.Seconds;
import id.pantau.detect.analytics.motion.GroundMotion;
import id.pantau.core.perception.Riders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Directional crossings of one counting line. Box jitter makes a ground point wobble across a line, so a side
 * only counts once the point is {@code line_margin_px} beyond the line (a hysteresis band): a track that only
 * touches or straddles the line never counts, and each track counts at most once per direction.
 */
public final class LineCrossingCounter {
    /** How far past the ends of the segment a crossing still counts, as a fraction of its length. */
    private static final double END_SLACK = 0.02;
    private static final double FORGET_AFTER_S = 10.0;

    private final CameraGeometry geometry;
    private final CountingLine line;
    private final Point a;
    private final Point b;
    private final double margin;
    private final int inSide;
    private final Map<Long, TrackSide> tracks = new HashMap<>();

    private static final class TrackSide {
        int side;
        Instant lastSeen;
        final Set<CrossingDirection> counted = EnumSet.noneOf(CrossingDirection.class);
    }

    public LineCrossingCounter(CameraGeometry geometry, CountingLine line) {
        this.geometry = geometry;
        this.line = line;
        this.a = line.a().toPoint();
        this.b = line.b().toPoint();
        this.margin = geometry.config().thresholds().lineMarginPx();
        Point towardsIn = new Point(a.x() + line.inDirection().dx(), a.y() + line.inDirection().dy());
        this.inSide = (int) Math.signum(PlaneGeometry.cross(a, b, towardsIn));
    }

    public String lineId() {
        return line.id();
    }

    public List<LineCrossing> update(TrackedFrame frame, GroundMotion motion) {
        List<LineCrossing> out = new ArrayList<>();
        Instant now = frame.captureTime();
        for (TrackedObject o : frame.objects()) {
            // Only confirmed, matched tracks move the state: tentative ones may be false detections and lost
            // ones are predictions. A track seen first when confirmed is seeded from its history instead.
            if (o.state() != TrackState.CONFIRMED) {
                continue;
            }
            TrackSide t = tracks.get(o.trackId());
            if (t == null) {
                t = new TrackSide();
                for (Point p : o.groundHistory()) {
                    int s = sideOf(p);
                    if (s != 0) {
                        t.side = s;
                        break;
                    }
                }
                tracks.put(o.trackId(), t);
            }
            t.lastSeen = now;
            Point p = o.groundPoint();
            int s = sideOf(p);
            if (s == 0) {
                continue;
            }
            double along = PlaneGeometry.projection(a, b, p);
            boolean withinSegment = along >= -END_SLACK && along <= 1 + END_SLACK;
            if (t.side != 0 && s != t.side && withinSegment && !isRider(o, frame)) {
                CrossingDirection dir = s == inSide ? CrossingDirection.IN : CrossingDirection.OUT;
                if (t.counted.add(dir)) {
                    OptionalDouble speed = motion.speedKmh(o.trackId());
                    out.add(new LineCrossing(
                            EventIds.lineCrossing(geometry.camera(), line.id(), o.trackId(), dir, now),
                            geometry.camera(), geometry.version(), geometry.localTime(now), frame.sequence(),
                            line.id(), o.trackId(), o.roadUser().label(), dir,
                            speed.isPresent() ? Seconds.round1(speed.getAsDouble()) : null));
                }
            }
            // Going round the end of the line changes the side without a crossing.
            t.side = s;
        }
        tracks.values().removeIf(t -> Seconds.between(t.lastSeen, now) > FORGET_AFTER_S);
        return out;
    }

    /** A person on a two-wheeler seen in the same frame: the vehicle is counted, its rider is no pedestrian. */
    private static boolean isRider(TrackedObject o, TrackedFrame frame) {
        if (o.roadUser() != RoadUserClass.PERSON) {
            return false;
        }
        for (TrackedObject other : frame.objects()) {
            if ((other.roadUser() == RoadUserClass.MOTORCYCLE || other.roadUser() == RoadUserClass.BICYCLE)
                    && Riders.rides(o.box(), other.box())) {
                return true;
            }
        }
        return false;
    }

    /** +1/-1 when the point is beyond the hysteresis band on either side, 0 inside it. */
    private int sideOf(Point p) {
        double d = PlaneGeometry.signedDistance(a, b, p);
        return Math.abs(d) < margin ? 0 : (int) Math.signum(d);
    }
}
