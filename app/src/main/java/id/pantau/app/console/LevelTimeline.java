package id.pantau.app.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.ZoneCongestion;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each zone's level of service over time: one point per analysis interval ({@code congestion} event), kept for
 * {@link BoardWindow#RETENTION}. Points are keyed by the interval's end, so a redelivered event replaces itself.
 * Bounded: at most {@link #MAX_POINTS} points a zone (a day at 10-second intervals) and {@link #MAX_ZONES} zones.
 */
final class LevelTimeline {
    static final int MAX_POINTS = 8_640;
    static final int MAX_ZONES = 2_000;

    private final Clock clock;
    private final Map<String, TreeMap<Instant, Point>> zones = new TreeMap<>();

    /** One interval of a zone. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Point(OffsetDateTime time, LevelOfService level, double occupancyPct, double queueLengthM,
                 Double meanSpeedKmh, double vehiclesMean) {
    }

    /** One zone's points, oldest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Series(String camera, String zone, List<Point> points) {
    }

    LevelTimeline(Clock clock) {
        this.clock = clock;
    }

    synchronized void accept(ZoneCongestion z) {
        Instant t = z.time().toInstant();
        Instant cutoff = clock.instant().minus(BoardWindow.RETENTION);
        if (t.isBefore(cutoff)) {
            return;
        }
        String key = z.camera() + "\u0000" + z.zone();
        TreeMap<Instant, Point> points = zones.get(key);
        if (points == null) {
            if (zones.size() >= MAX_ZONES) {
                return;   // far beyond any city's zones: a misbehaving publisher, not traffic
            }
            points = new TreeMap<>();
            zones.put(key, points);
        }
        points.put(t, new Point(z.time().atZoneSameInstant(BoardWindow.WIB).toOffsetDateTime(), z.level(),
                z.occupancyPct(), z.queueLengthM(), z.meanSpeedKmh(), z.vehiclesMean()));
        points.headMap(cutoff).clear();
        while (points.size() > MAX_POINTS) {
            points.pollFirstEntry();
        }
    }

    synchronized List<Series> series(BoardWindow w) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Instant, Point>> e : zones.entrySet()) {
            String[] cz = e.getKey().split("\u0000", 2);
            if (!w.includes(cz[0])) {
                continue;
            }
            List<Point> points = List.copyOf(e.getValue().tailMap(w.from(), true).values());
            if (!points.isEmpty()) {
                out.add(new Series(cz[0], cz[1], points));
            }
        }
        return out;
    }
}
