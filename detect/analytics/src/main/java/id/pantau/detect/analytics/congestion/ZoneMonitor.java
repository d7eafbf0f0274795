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
 *   <li>flow: vehicles entering the zone, per class, per minute.</li>
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
            if (speed.isPresent()) {
                speedSum += speed.getAsDouble();
                speedCount++;
                if (speed.getAsDouble() < stoppedKmh) {
                    motion.position(o.trackId()).ifPresent(stopped::add);
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

    private List<PipelineEvent> closeInterval(Instant end, long frame) {
        List<PipelineEvent> out = new ArrayList<>();
        double minutes = Seconds.between(intervalStart, end) / 60.0;
        double occ = frames == 0 ? 0 : occupancySum / frames;
        OptionalDouble speed = speedCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(speedSum / speedCount);
        LevelOfService level = rater.update(occ, speed, end);
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
        return out;
    }

    public LevelOfService level() {
        return rater.current();
    }
}
