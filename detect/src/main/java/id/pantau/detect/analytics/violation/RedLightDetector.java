package id.pantau.detect.analytics.violation;

import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.CameraConfig.Lane;
import id.pantau.core.camera.config.Movement;
import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
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
import java.util.Set;

/**
 * Red-light violations on one approach. A crossing is the first frame in which a vehicle's ground point is
 * past the stop line (in the entry direction) after it had been clearly behind it ({@code line_margin_px}).
 * The signal is judged at that crossing: red, at least {@code red_grace_s} after red onset, on a head without
 * a fault. The vehicle becomes a violator only once it has travelled {@code violation_distance_m} on the ground
 * from the crossing point while the signal is still red (a vehicle that stops just over the line and moves on
 * at green is not one) without turning into an exempt
 * movement and without having come from a lane whose movements are all exempt. One violation per track.
 */
public final class RedLightDetector {
    private static final Logger log = LoggerFactory.getLogger(RedLightDetector.class);
    /** Heading change (degrees) from the entry direction beyond which a movement is a turn. */
    private static final double TURN_DEG = 35;
    private static final double FORGET_AFTER_S = 10.0;

    private final CameraGeometry geometry;
    private final Approach approach;
    private final Point a;
    private final Point b;
    private final int entrySide;
    private final double margin;
    private final double graceS;
    private final double distanceM;
    private final List<Lane> exemptLanes;
    private final Map<Long, TrackProgress> tracks = new HashMap<>();
    private final Set<Long> violators = new HashSet<>();

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

    public RedLightDetector(CameraGeometry geometry, Approach approach) {
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
    }

    public List<RedLightViolation> update(TrackedFrame frame, GroundMotion motion, SignalTimeline signal) {
        List<RedLightViolation> out = new ArrayList<>();
        Instant now = frame.captureTime();
        for (TrackedObject o : frame.objects()) {
            if (o.state() != TrackState.CONFIRMED || !o.roadUser().isVehicle() || violators.contains(o.trackId())) {
                continue;
            }
            TrackProgress t = tracks.computeIfAbsent(o.trackId(), id -> new TrackProgress());
            t.lastSeen = now;
            Point p = o.groundPoint();
            double d = PlaneGeometry.signedDistance(a, b, p) * entrySide;   // > 0: past the line
            double along = PlaneGeometry.projection(a, b, p);
            if (d <= -margin && along >= 0 && along <= 1) {
                t.behind = true;
                t.candidate = null;          // came back behind the line: whatever it was, it is not going on
            }
            if (d <= 0) {
                t.lastFrameBehind = frame.sequence();
                t.laneBehind = laneAt(p).orElse(t.laneBehind);
                continue;
            }
            if (t.behind && along >= 0 && along <= 1) {
                t.behind = false;
                t.candidate = judgeCrossing(o, t, frame, motion, signal).orElse(null);
            }
            if (t.candidate != null && signal.state() != SignalState.RED) {
                // It stopped over the line and moved on only once red was over: not a violator.
                t.candidate = null;
            }
            if (t.candidate != null) {
                confirm(o, t, frame, motion).ifPresent(v -> {
                    out.add(v);
                    violators.add(o.trackId());
                    tracks.remove(o.trackId());
                });
            }
        }
        tracks.values().removeIf(t -> Seconds.between(t.lastSeen, now) > FORGET_AFTER_S);
        return out;
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
        log.info("red-light violation: camera {} approach {} track {} ({}) {} s into red, frames {}/{}/{}",
                geometry.camera(), approach.id(), o.trackId(), o.roadUser().label(),
                Seconds.round3(c.timeIntoRedS()), c.frameBefore(), c.frameAt(), frame.sequence());
        return Optional.of(new RedLightViolation(
                RedLightViolation.eventId(geometry.camera(), approach.id(), o.trackId(), c.frameAt()),
                geometry.camera(), approach.id(), o.trackId(), o.roadUser().label(), geometry.localTime(c.at()),
                SignalState.RED, Seconds.round3(c.timeIntoRedS()), c.amberS(), speed,
                new RedLightViolation.Frames(c.frameBefore(), c.frameAt(), frame.sequence()), geometry.version(),
                geometry.config().location(), null, null));
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
