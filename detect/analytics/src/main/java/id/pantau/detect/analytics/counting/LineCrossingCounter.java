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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Directional crossings of one counting line. Box jitter makes a ground point wobble across a line, so a side
 * only counts once the point is {@code line_margin_px} beyond the line (a hysteresis band): a track that only
 * touches or straddles the line never counts, and each track counts at most once per direction.
 * <p>
 * A rider and the two-wheeler under it are one road user. The detector reports them as a person and a motorcycle
 * (or bicycle), each with its own track, and the pair does not look like a rider on a bike in every frame (the
 * bike is missed or its box shrinks behind the rider for a frame; at 6 fps the two cross in different frames).
 * So the association is remembered per track pair ({@link #LINK_S}) rather than judged frame by frame, and a
 * person's crossing waits {@link #RIDER_WAIT_S} before it is counted as a pedestrian: if in the meantime the
 * person is seen riding a two-wheeler that crosses, the two-wheeler is counted and the rider is not; a rider
 * whose two-wheeler never crosses (its track was lost) is counted once, as that two-wheeler's class; a two-wheeler
 * whose rider was already counted for it is not counted again.
 */
public final class LineCrossingCounter {
    /** How far past the ends of the segment a crossing still counts, as a fraction of its length. */
    private static final double END_SLACK = 0.02;
    private static final double FORGET_AFTER_S = 10.0;
    /**
     * How long a person seen riding a two-wheeler is remembered as its rider: a few seconds, as the pair drifts
     * apart in the picture further from the camera (the same memory as the red-light rule's rider link).
     */
    static final double LINK_S = 3.0;
    /**
     * How long a person's crossing waits for its two-wheeler before it counts as a pedestrian: the two ground
     * points (feet on the footrest, the wheels) are a few tenths of a metre apart, a frame or two at riding speed
     * at 6-10 fps; a second also covers a bike track confirmed a few frames late. Pedestrian counts come this
     * much later, dated at their crossing.
     */
    static final double RIDER_WAIT_S = 1.0;

    private final CameraGeometry geometry;
    private final CountingLine line;
    private final Point a;
    private final Point b;
    private final double margin;
    private final int inSide;
    private final Map<Long, TrackSide> tracks = new HashMap<>();
    /** Per person track, the two-wheeler tracks it was seen riding and when last. */
    private final Map<Long, Map<Long, Instant>> riding = new HashMap<>();
    /** The class of each two-wheeler track seen in a link. */
    private final Map<Long, RoadUserClass> twoWheelerClass = new HashMap<>();
    /** Per track, the directions in which the road user it belongs to has been counted (also through its pair). */
    private final Map<Long, Set<CrossingDirection>> roadUserCounted = new HashMap<>();
    /** Person crossings waiting to be told apart: rider or pedestrian. */
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(long trackId, CrossingDirection direction, Instant at, long frame, Double speedKmh) {
    }

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
        observeRiders(frame);
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
            if (t.side != 0 && s != t.side && withinSegment) {
                CrossingDirection dir = s == inSide ? CrossingDirection.IN : CrossingDirection.OUT;
                if (t.counted.add(dir)) {
                    OptionalDouble speed = motion.speedKmh(o.trackId());
                    Double kmh = speed.isPresent() ? Seconds.round1(speed.getAsDouble()) : null;
                    crossed(o, dir, now, frame.sequence(), kmh, out);
                }
            }
            // Going round the end of the line changes the side without a crossing.
            t.side = s;
        }
        resolvePending(now, false, out);
        tracks.values().removeIf(t -> Seconds.between(t.lastSeen, now) > FORGET_AFTER_S);
        riding.values().forEach(m -> m.values().removeIf(at -> Seconds.between(at, now) > LINK_S));
        riding.values().removeIf(Map::isEmpty);
        Set<Long> live = new HashSet<>(tracks.keySet());
        riding.forEach((person, bikes) -> {
            live.add(person);
            live.addAll(bikes.keySet());
        });
        pending.forEach(p -> live.add(p.trackId()));
        twoWheelerClass.keySet().retainAll(live);
        roadUserCounted.keySet().retainAll(live);
        return out;
    }

    /**
     * Counts the road user of a track that crossed in {@code dir}: a two-wheeler or other vehicle at once (unless
     * its rider was already counted for it), a person once it is known whether it rides a two-wheeler.
     */
    private void crossed(TrackedObject o, CrossingDirection dir, Instant now, long frame, Double kmh,
                         List<LineCrossing> out) {
        long id = o.trackId();
        if (o.roadUser() == RoadUserClass.PERSON) {
            if (counted(id, dir) || ridden(id).stream().anyMatch(v -> counted(v, dir))) {
                return;   // the rider of a two-wheeler already counted in this direction
            }
            pending.add(new Pending(id, dir, now, frame, kmh));
            return;
        }
        if (counted(id, dir)) {
            return;       // its rider was counted for it (the two-wheeler's own crossing came later)
        }
        markCounted(id, dir);
        if (isTwoWheeler(o.roadUser())) {
            // its riders' waiting crossings in this direction are this road user (later ones are skipped as the
            // riders of a counted two-wheeler). Only the pair is merged, never a chain: in a dense queue a track
            // whose class vote flips links neighbours that are separate road users.
            pending.removeIf(p -> p.direction() == dir && ridden(p.trackId()).contains(id));
        }
        out.add(crossing(id, o.roadUser().label(), dir, now, frame, kmh));
    }

    /**
     * Counts the person crossings that have waited {@link #RIDER_WAIT_S} (all of them when {@code all}): not at all
     * when the two-wheeler it rides has been counted, as that two-wheeler's class when it rides one that has not
     * (a bike track lost before the line), as a person otherwise.
     */
    private void resolvePending(Instant now, boolean all, List<LineCrossing> out) {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!all && Seconds.between(p.at(), now) < RIDER_WAIT_S) {
                continue;
            }
            it.remove();
            List<Long> bikes = ridden(p.trackId());
            // counted already: as the two-wheeler another rider was counted for (a track whose class vote flips
            // between person and motorcycle is both), or as the rider of a counted two-wheeler
            if (counted(p.trackId(), p.direction()) || bikes.stream().anyMatch(v -> counted(v, p.direction()))) {
                continue;
            }
            String cls = RoadUserClass.PERSON.label();
            if (!bikes.isEmpty()) {
                long bike = bikes.getFirst();
                cls = twoWheelerClass.getOrDefault(bike, RoadUserClass.MOTORCYCLE).label();
                markCounted(bike, p.direction());
            }
            markCounted(p.trackId(), p.direction());
            out.add(crossing(p.trackId(), cls, p.direction(), p.at(), p.frame(), p.speedKmh()));
        }
    }

    private LineCrossing crossing(long trackId, String cls, CrossingDirection dir, Instant at, long frame,
                                  Double kmh) {
        return new LineCrossing(EventIds.lineCrossing(geometry.camera(), line.id(), trackId, dir, at),
                geometry.camera(), geometry.version(), geometry.localTime(at), frame, line.id(), trackId, cls, dir,
                kmh);
    }

    /** Remembers, per pair of tracks, a person seen sitting on a two-wheeler this frame. */
    private void observeRiders(TrackedFrame frame) {
        Instant now = frame.captureTime();
        for (TrackedObject p : frame.objects()) {
            if (p.roadUser() != RoadUserClass.PERSON) {
                continue;
            }
            for (TrackedObject v : frame.objects()) {
                if (isTwoWheeler(v.roadUser()) && Riders.rides(p.box(), v.box())) {
                    riding.computeIfAbsent(p.trackId(), k -> new HashMap<>()).put(v.trackId(), now);
                    twoWheelerClass.put(v.trackId(), v.roadUser());
                }
            }
        }
    }

    /** The two-wheeler tracks this person was recently seen riding, most recent first. */
    private List<Long> ridden(long personTrackId) {
        Map<Long, Instant> m = riding.getOrDefault(personTrackId, Map.of());
        return m.entrySet().stream().sorted(Map.Entry.<Long, Instant>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private boolean counted(long trackId, CrossingDirection dir) {
        return roadUserCounted.getOrDefault(trackId, Set.of()).contains(dir);
    }

    private void markCounted(long trackId, CrossingDirection dir) {
        roadUserCounted.computeIfAbsent(trackId, k -> EnumSet.noneOf(CrossingDirection.class)).add(dir);
    }

    private static boolean isTwoWheeler(RoadUserClass c) {
        return c == RoadUserClass.MOTORCYCLE || c == RoadUserClass.BICYCLE;
    }

    /** +1/-1 when the point is beyond the hysteresis band on either side, 0 inside it. */
    private int sideOf(Point p) {
        double d = PlaneGeometry.signedDistance(a, b, p);
        return Math.abs(d) < margin ? 0 : (int) Math.signum(d);
    }
}
