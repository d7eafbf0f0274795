package id.pantau.detect.analytics.violation;

import id.pantau.core.perception.Riders;

import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.CameraConfig.Lane;
import id.pantau.core.camera.config.Movement;
import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.CameraGeometry;
import id.pantau.detect.analytics.Seconds;
import id.pantau.detect.analytics.motion.GroundMotion;
import id.pantau.detect.analytics.signal.SignalTimeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Red-light violations on one approach. A crossing is the first frame in which a track's ground point is
 * past the stop line (in the entry direction) after it had been clearly behind it ({@code line_margin_px}), or
 * behind it at all when the track was born; the line counts along its painted length widened to where the
 * approach's lanes meet it ({@link #approachSpan}). Only measured (CONFIRMED) boxes make a crossing.
 * The signal is judged at that crossing: red, at least {@code red_grace_s} after red onset, on a head without
 * a fault. The vehicle becomes a violator only once it has travelled {@code violation_distance_m} on the ground
 * from the crossing point while the signal is still red (a vehicle that stops just over the line and moves on
 * at green is not one) without turning into an exempt
 * movement and without having come from a lane whose movements are all exempt. One violation per track, and
 * one per road user: a person track is a two-wheeler's rider (reported as {@code motorcycle}) when it was seen on
 * a two-wheeler or moves faster than walking, never a second violation beside its bike ({@link SameRoadUser});
 * a pedestrian is never a violator.
 */
public final class RedLightRule {
    private static final Logger log = LoggerFactory.getLogger(RedLightRule.class);
    /** Heading change (degrees) from the entry direction beyond which a movement is a turn. */
    private static final double TURN_DEG = 35;
    private static final double FORGET_AFTER_S = 10.0;
    /** A lane vertex this close to the stop line's extension lies on it (configs are drawn in whole pixels). */
    private static final double ON_LINE_PX = 1.5;
    /**
     * Faster than a walk (4-6 km/h): a rider. Riders creeping away from the line at red move at 8-9 km/h on the
     * Hanoi clip; pedestrians do not walk up the carriageway over a stop line for violation_distance_m.
     */
    private static final double RIDER_MIN_SPEED_KMH = 7.0;

    private final CameraGeometry geometry;
    private final Approach approach;
    private final Point a;
    private final Point b;
    private final int entrySide;
    private final double margin;
    private final double graceS;
    private final double distanceM;
    private final List<Lane> exemptLanes;
    /** Where the approach begins and ends along the stop line (0 = a, 1 = b), see {@link #approachSpan}. */
    private final double alongMin;
    private final double alongMax;
    private final Map<Long, TrackProgress> tracks = new HashMap<>();
    private final Set<Long> violators = new HashSet<>();
    private final SameRoadUser sameRoadUser = new SameRoadUser();

    /** What the detector remembers of one track. */
    private static final class TrackProgress {
        boolean behind;            // has been clearly behind the line since the last crossing
        long lastFrameBehind = -1; // last analysed frame with the ground point not past the line
        Lane laneBehind;           // lane the ground point was in while behind the line
        Candidate candidate;
        Instant lastSeen;
    }

    /** A crossing on red that becomes a violation if the vehicle goes on. */
    private record Candidate(long frameBefore, long frameAt, Instant at, Point imageAt, Point groundAt,
                             double timeIntoRedS, Double amberS, Double speedKmh) {
    }

    public RedLightRule(CameraGeometry geometry, Approach approach) {
        this.geometry = geometry;
        this.approach = approach;
        this.a = approach.stopLine().a().toPoint();
        this.b = approach.stopLine().b().toPoint();
        Point ahead = new Point(a.x() + approach.entryDirection().dx(), a.y() + approach.entryDirection().dy());
        this.entrySide = (int) Math.signum(PlaneGeometry.cross(a, b, ahead));
        this.margin = geometry.config().thresholds().lineMarginPx();
        this.graceS = geometry.config().thresholds().redGraceS();
        this.distanceM = geometry.config().thresholds().violationDistanceM();
        this.exemptLanes = approach.lanes().stream().flatMap(id -> geometry.config().lane(id).stream())
                .filter(l -> !l.movements().isEmpty() && approach.exemptMovements().containsAll(l.movements()))
                .toList();
        double[] span = approachSpan(a, b, approach.lanes().stream()
                .flatMap(id -> geometry.config().lane(id).stream())
                .map(l -> l.polygon().stream().map(v -> v.toPoint()).toList()).toList());
        this.alongMin = span[0];
        this.alongMax = span[1];
    }

    /**
     * The stretch of the stop line's extension that the approach covers: the painted line, widened to where the
     * approach's lanes meet the line. A painted line is often shorter than the road it closes (worn paint, a
     * queue that spills beside it: on the Hanoi clip riders wait left of the line's end and ride through), and a
     * vehicle that waited in the lane and drove over the line's extension has crossed it.
     */
    static double[] approachSpan(Point a, Point b, List<List<Point>> lanes) {
        double min = 0;
        double max = 1;
        for (List<Point> polygon : lanes) {
            for (int i = 0; i < polygon.size(); i++) {
                Point p = polygon.get(i);
                Point q = polygon.get((i + 1) % polygon.size());
                double dp = PlaneGeometry.signedDistance(a, b, p);
                double dq = PlaneGeometry.signedDistance(a, b, q);
                Point on = null;
                if (Math.abs(dp) <= ON_LINE_PX) {
                    on = p;
                } else if (Math.signum(dp) * Math.signum(dq) < 0 && Math.abs(dq) > ON_LINE_PX) {
                    double f = dp / (dp - dq);
                    on = new Point(p.x() + (q.x() - p.x()) * f, p.y() + (q.y() - p.y()) * f);
                }
                if (on != null) {
                    double along = PlaneGeometry.projection(a, b, on);
                    min = Math.min(min, along);
                    max = Math.max(max, along);
                }
            }
        }
        return new double[] {min, max};
    }

    private boolean inApproach(double along) {
        return along >= alongMin && along <= alongMax;
    }

    public List<RedLightViolation> update(TrackedFrame frame, GroundMotion motion, SignalTimeline signal) {
        List<RedLightViolation> out = new ArrayList<>();
        Instant now = frame.captureTime();
        sameRoadUser.observe(frame);
        for (TrackedObject o : frame.objects()) {
            if (violators.contains(o.trackId())) {
                continue;
            }
            // Every class is followed, not only vehicles: YOLOX flips a rider's track between person and
            // motorcycle, and a track first seen as a person must still have its crossing noticed.
            TrackProgress t = tracks.get(o.trackId());
            if (t == null) {
                t = new TrackProgress();
                tracks.put(o.trackId(), t);
                seedFromHistory(t, o);
            }
            t.lastSeen = now;
            if (o.state() != TrackState.CONFIRMED) {
                continue;   // a lost track's box is a prediction: no crossing is judged on it
            }
            Point p = o.groundPoint();
            double d = PlaneGeometry.signedDistance(a, b, p) * entrySide;   // > 0: past the line
            double along = PlaneGeometry.projection(a, b, p);
            if (d <= -margin && inApproach(along)) {
                t.behind = true;
                t.candidate = null;          // came back behind the line: whatever it was, it is not going on
            }
            if (d <= 0) {
                t.lastFrameBehind = frame.sequence();
                t.laneBehind = laneAt(p).orElse(t.laneBehind);
                continue;
            }
            if (t.behind && inApproach(along)) {
                t.behind = false;
                t.candidate = judgeCrossing(o, t, frame, motion, signal).orElse(null);
            }
            if (t.candidate != null && (signal.state() != SignalState.RED || !signal.enforceable())) {
                // It stopped over the line and moved on only once red was over (not a violator), or the head
                // became untrustworthy before the vehicle went on (enforcement pauses).
                t.candidate = null;
            }
            if (t.candidate != null && !signal.inDarkSpell()) {
                // during a dark spell the red is kept but not yet proven: the vehicle is judged once the head
                // reads lit again (or the spell outlasts signal_gap_s: a dark head, and the candidate is dropped)
                confirm(o, t, frame, motion).ifPresent(v -> {
                    violators.add(o.trackId());
                    tracks.remove(o.trackId());
                    OptionalLong same = sameRoadUser.duplicateOf(o.trackId());
                    if (same.isPresent()) {
                        log.debug("track {} crossed on red with track {} already reported: one road user seen as"
                                + " rider and vehicle", o.trackId(), same.getAsLong());
                    } else {
                        log.info("red-light violation: camera {} approach {} track {} ({}) {} s into red, frames {}/{}/{}",
                                geometry.camera(), approach.id(), v.trackId(), v.roadUserClass(), v.timeIntoRedS(),
                                v.frames().before(), v.frames().at(), v.frames().after());
                        out.add(v);
                    }
                    sameRoadUser.reported(o, now);
                });
            }
        }
        tracks.values().removeIf(t -> Seconds.between(t.lastSeen, now) > FORGET_AFTER_S);
        sameRoadUser.forgetBefore(now, FORGET_AFTER_S);
        return out;
    }

    /**
     * A track is published only once confirmed (two detections); at 6 fps a vehicle moves 10-20 px between
     * frames, so a track born near the line may be confirmed already past it, and a rider waiting at the line
     * often gets a new track when it pulls away (the box changes shape as the bike leans and moves). Its ground
     * history (kept while it was tentative) says where it was born. A track born behind the line counts as having
     * been behind it even inside the hysteresis band: the band is there so that one track jittering on the line
     * is not a crossing, and a vehicle born on the line still has to travel {@code violation_distance_m} on red.
     */
    private void seedFromHistory(TrackProgress t, TrackedObject o) {
        List<Point> history = o.groundHistory();
        for (int i = 0; i < history.size() - 1; i++) {
            Point p = history.get(i);
            double d = PlaneGeometry.signedDistance(a, b, p) * entrySide;
            double along = PlaneGeometry.projection(a, b, p);
            if (d <= 0 && inApproach(along)) {
                t.behind = true;
                t.laneBehind = laneAt(p).orElse(t.laneBehind);
            }
        }
        Point now = o.groundPoint();
        double along = PlaneGeometry.projection(a, b, now);
        if (PlaneGeometry.signedDistance(a, b, now) * entrySide <= 0 && inApproach(along)) {
            t.behind = true;
        }
    }

    private Optional<Candidate> judgeCrossing(TrackedObject o, TrackProgress t, TrackedFrame frame,
                                              GroundMotion motion, SignalTimeline signal) {
        Instant at = frame.captureTime();
        if (!signal.enforceable()) {
            log.debug("track {} crossed {} stop line while the signal is not enforceable ({})", o.trackId(),
                    approach.id(), signal.state());
            return Optional.empty();
        }
        if (signal.state() != SignalState.RED) {
            return Optional.empty();
        }
        OptionalDouble intoRed = signal.timeIntoRed(at);
        if (intoRed.isEmpty() || intoRed.getAsDouble() < graceS) {
            return Optional.empty();
        }
        if (t.laneBehind != null && exemptLanes.contains(t.laneBehind)) {
            log.debug("track {} crossed on red from exempt lane {}", o.trackId(), t.laneBehind.id());
            return Optional.empty();
        }
        Optional<Point> ground = geometry.toGround(o.groundPoint());
        if (ground.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble speed = motion.speedKmh(o.trackId());
        return Optional.of(new Candidate(t.lastFrameBehind, frame.sequence(), at, o.groundPoint(), ground.get(),
                intoRed.getAsDouble(), signal.amberBeforeRedS(),
                speed.isPresent() ? Seconds.round1(speed.getAsDouble()) : null));
    }

    private Optional<RedLightViolation> confirm(TrackedObject o, TrackProgress t, TrackedFrame frame,
                                                GroundMotion motion) {
        Candidate c = t.candidate;
        Optional<Point> ground = geometry.toGround(o.groundPoint());
        if (ground.isEmpty() || ground.get().distanceTo(c.groundAt()) < distanceM) {
            return Optional.empty();
        }
        Optional<String> roadUser = violatorClass(o, frame, motion);
        if (roadUser.isEmpty()) {
            // a person at walking speed, not (yet) seen on a two-wheeler: kept pending, it may speed up
            return Optional.empty();
        }
        Movement movement = movement(c.imageAt(), o.groundPoint());
        if (approach.exemptMovements().contains(movement)) {
            log.debug("track {} crossed on red but turned {} (exempt)", o.trackId(), movement.label());
            t.candidate = null;
            return Optional.empty();
        }
        Double speed = c.speedKmh();
        if (speed == null) {
            // a track too young at the crossing to measure: its speed just after is the best evidence there is
            OptionalDouble now = motion.speedKmh(o.trackId());
            speed = now.isPresent() ? Seconds.round1(now.getAsDouble()) : null;
        }
        return Optional.of(new RedLightViolation(
                RedLightViolation.eventId(geometry.camera(), approach.id(), o.trackId(), c.at()),
                geometry.camera(), approach.id(), o.trackId(), roadUser.get(), geometry.localTime(c.at()),
                SignalState.RED, Seconds.round3(c.timeIntoRedS()), c.amberS(), speed,
                new RedLightViolation.Frames(c.frameBefore(), c.frameAt(), frame.sequence()), geometry.version(),
                geometry.config().location(), null, null));
    }

    /**
     * The class reported for a red crosser, empty for a pedestrian. COCO detectors often see a motorcycle's rider
     * better than the machine (the rider's box is the higher-scoring one, the bike half hidden under it), so a
     * person track is taken as a two-wheeler when it was recently seen standing over a two-wheeler's box or
     * moves faster than anyone walks; a person at walking speed is a pedestrian, who is not a red-light violator of a traffic signal.
     */
    private Optional<String> violatorClass(TrackedObject o, TrackedFrame frame, GroundMotion motion) {
        if (o.roadUser().isVehicle()) {
            return Optional.of(o.roadUser().label());
        }
        OptionalDouble speed = motion.speedKmh(o.trackId());
        if (sameRoadUser.ridesTwoWheeler(o.trackId())
                || (speed.isPresent() && speed.getAsDouble() >= RIDER_MIN_SPEED_KMH)) {
            return Optional.of(RoadUserClass.MOTORCYCLE.label());
        }
        return Optional.empty();
    }

    /**
     * The movement from the heading between the crossing point and now, relative to the entry direction. In image
     * coordinates (y down) a negative cross product is a turn to the driver's left.
     */
    private Movement movement(Point from, Point to) {
        double mx = to.x() - from.x();
        double my = to.y() - from.y();
        double ex = approach.entryDirection().dx();
        double ey = approach.entryDirection().dy();
        double angle = Math.toDegrees(Math.atan2(ex * my - ey * mx, ex * mx + ey * my));
        if (Math.abs(angle) > 150) {
            return Movement.U_TURN;
        }
        if (angle < -TURN_DEG) {
            return Movement.LEFT;
        }
        return angle > TURN_DEG ? Movement.RIGHT : Movement.STRAIGHT;
    }

    private Optional<Lane> laneAt(Point p) {
        for (String id : approach.lanes()) {
            Optional<Lane> lane = geometry.config().lane(id);
            if (lane.isPresent() && PlaneGeometry.contains(lane.get().polygon().stream().map(v -> v.toPoint())
                    .toList(), p)) {
                return lane;
            }
        }
        return Optional.empty();
    }
}
