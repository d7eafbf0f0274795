package id.pantau.detect.analytics.congestion;

import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.CameraConfig.Zone;
import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.camera.config.XY;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.EventIds;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.CameraGeometry;
import id.pantau.detect.analytics.Seconds;
import id.pantau.detect.analytics.motion.GroundMotion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * One congestion zone: accumulates per-frame measures and, at the end of every analysis interval, reports
 * {@link ZoneCongestion} and raises or clears a {@link CongestionAlert} when the level of service reaches or
 * leaves {@code alert_level}.
 * <ul>
 *   <li>vehicles present: confirmed or coasting vehicle tracks whose ground point is inside the zone;</li>
 *   <li>occupancy: {@link FootprintOccupancy}, averaged over the interval's frames;</li>
 *   <li>mean speed: ground speed (homography) of the vehicles present, averaged over vehicle-frames;</li>
 *   <li>queue length: the longest seen in the interval; the distance on the ground from the approach's stop
 *   line to the furthest stopped vehicle (below {@code stopped_speed_kmh}), or, for a zone without an
 *   approach, the spread of the stopped vehicles;</li>
 *   <li>flow: vehicles entering the zone, per class, per minute;</li>
 *   <li>control delay (zones behind a stop line): per vehicle, its time in the zone less the time its distance
 *   there takes at the free-flow speed; averaged over the vehicles that left in the interval and, so far, those
 *   still waiting. The level of such a zone rates it instead of the speed ({@link LevelOfServiceRater}).</li>
 * </ul>
 */
public final class ZoneMonitor {
    private final CameraGeometry geometry;
    private final Zone zone;
    private final List<Point> polygon;
    private final FootprintOccupancy occupancy;
    private final LevelOfServiceRater rater;
    private final LevelOfService alertLevel;
    private final double intervalS;
    private final double stoppedKmh;
    private final Optional<Point[]> stopLineGround;

    private Instant intervalStart;
    private int frames;
    private long vehicleFrames;
    private int vehiclesMax;
    private double occupancySum;
    private double speedSum;
    private int speedCount;
    private double queueMax;
    private final Map<String, Integer> entries = new TreeMap<>();
    private Set<Long> inside = new HashSet<>();
    /** vehicles in the zone now: when each entered and how far it has moved there */
    private final Map<Long, Visit> visits = new HashMap<>();
    private final List<Double> delays = new ArrayList<>();
    private final double freeFlowMs;
    private Instant lastFrame;

    private static final class Visit {
        final Instant entered;
        double metres;

        Visit(Instant entered) {
            this.entered = entered;
        }
    }
    private boolean alertRaised;

    public ZoneMonitor(CameraGeometry geometry, Zone zone) {
        this.geometry = geometry;
        this.zone = zone;
        this.polygon = zone.polygon().stream().map(XY::toPoint).toList();
        this.occupancy = new FootprintOccupancy(polygon);
        this.rater = new LevelOfServiceRater(geometry.config().thresholds());
        this.alertLevel = LevelOfService.fromLabel(geometry.config().thresholds().alertLevel());
        this.intervalS = geometry.config().analysis().intervalS();
        this.stoppedKmh = geometry.config().thresholds().stoppedSpeedKmh();
        this.freeFlowMs = geometry.config().thresholds().freeFlowSpeedKmh() / 3.6;
        this.stopLineGround = Optional.ofNullable(zone.approach()).flatMap(geometry.config()::approach)
                .map(Approach::stopLine).flatMap(s -> geometry.toGround(s.a().toPoint())
                        .flatMap(ga -> geometry.toGround(s.b().toPoint()).map(gb -> new Point[]{ga, gb})));
    }

    public List<PipelineEvent> update(TrackedFrame frame, GroundMotion motion) {
        Instant now = frame.captureTime();
        List<PipelineEvent> out = new ArrayList<>();
        if (intervalStart == null) {
            intervalStart = now;
        } else if (Seconds.between(intervalStart, now) >= intervalS) {
            out.addAll(closeInterval(now, frame.sequence()));
        }
        double dt = lastFrame == null ? 0 : Math.max(0, Seconds.between(lastFrame, now));
        lastFrame = now;
        List<BoundingBox> boxes = new ArrayList<>();
        List<Point> stopped = new ArrayList<>();
        Set<Long> nowInside = new HashSet<>();
        for (TrackedObject o : frame.objects()) {
            boolean live = o.state() == TrackState.CONFIRMED || o.state() == TrackState.LOST;
            if (!live || !o.roadUser().isVehicle() || !PlaneGeometry.contains(polygon, o.groundPoint())) {
                continue;
            }
            nowInside.add(o.trackId());
            boxes.add(o.box());
            if (!inside.contains(o.trackId())) {
                entries.merge(o.roadUser().label(), 1, Integer::sum);
            }
            OptionalDouble speed = motion.speedKmh(o.trackId());
            Visit visit = visits.computeIfAbsent(o.trackId(), id -> new Visit(now));
            if (speed.isPresent()) {
                visit.metres += speed.getAsDouble() / 3.6 * dt;
                speedSum += speed.getAsDouble();
                speedCount++;
                if (speed.getAsDouble() < stoppedKmh) {
                    motion.position(o.trackId()).ifPresent(stopped::add);
                }
            }
        }
        for (Long left : inside) {
            if (!nowInside.contains(left)) {
                Visit v = visits.remove(left);
                if (v != null) {
                    delays.add(delay(v, now));
                }
            }
        }
        inside = nowInside;
        frames++;
        vehicleFrames += nowInside.size();
        vehiclesMax = Math.max(vehiclesMax, nowInside.size());
        occupancySum += occupancy.percent(boxes);
        queueMax = Math.max(queueMax, queueLength(stopped));
        return out;
    }

    private double queueLength(List<Point> stopped) {
        if (stopped.isEmpty()) {
            return 0;
        }
        double longest = 0;
        if (stopLineGround.isPresent()) {
            Point ga = stopLineGround.get()[0];
            Point gb = stopLineGround.get()[1];
            for (Point p : stopped) {
                longest = Math.max(longest, Math.abs(PlaneGeometry.signedDistance(ga, gb, p)));
            }
        } else {
            for (Point p : stopped) {
                for (Point q : stopped) {
                    longest = Math.max(longest, p.distanceTo(q));
                }
            }
        }
        return longest;
    }

    /** Time in the zone beyond what its distance there takes at free flow (HCM's control delay, within the zone). */
    private double delay(Visit v, Instant until) {
        return Math.max(0, Seconds.between(v.entered, until) - v.metres / freeFlowMs);
    }

    private OptionalDouble controlDelay(Instant end) {
        List<Double> all = new ArrayList<>(delays);
        visits.values().forEach(v -> all.add(delay(v, end)));   // still waiting: their delay so far
        return all.isEmpty() ? OptionalDouble.empty() : all.stream().mapToDouble(Double::doubleValue).average();
    }

    private List<PipelineEvent> closeInterval(Instant end, long frame) {
        List<PipelineEvent> out = new ArrayList<>();
        double minutes = Seconds.between(intervalStart, end) / 60.0;
        double occ = frames == 0 ? 0 : occupancySum / frames;
        OptionalDouble speed = speedCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(speedSum / speedCount);
        LevelOfService level = stopLineGround.isPresent() || zone.approach() != null
                ? rater.updateApproach(occ, controlDelay(end), end)
                : rater.update(occ, speed, end);
        Map<String, Double> flow = new TreeMap<>();
        entries.forEach((cls, n) -> flow.put(cls, Seconds.round1(n / minutes)));
        Double meanSpeed = speed.isPresent() ? Seconds.round1(speed.getAsDouble()) : null;
        String cam = geometry.camera();
        out.add(new ZoneCongestion(EventIds.congestion(cam, zone.id(), intervalStart), cam,
                geometry.version(), geometry.localTime(end), geometry.localTime(intervalStart), zone.id(),
                Seconds.round1(frames == 0 ? 0 : (double) vehicleFrames / frames), vehiclesMax, Seconds.round1(occ),
                meanSpeed, Seconds.round1(queueMax), flow, level));
        boolean congested = !alertLevel.isWorseThan(level);
        if (congested != alertRaised) {
            alertRaised = congested;
            AlertState s = congested ? AlertState.RAISED : AlertState.CLEARED;
            out.add(new CongestionAlert(EventIds.congestionAlert(cam, zone.id(), s, end), cam,
                    geometry.version(), geometry.localTime(end), zone.id(), s, level, Seconds.round1(occ),
                    meanSpeed));
        }
        intervalStart = end;
        frames = 0;
        vehicleFrames = 0;
        vehiclesMax = 0;
        occupancySum = 0;
        speedSum = 0;
        speedCount = 0;
        queueMax = 0;
        entries.clear();
        delays.clear();
        return out;
    }

    public LevelOfService level() {
        return rater.current();
    }
}
