package id.pantau.app.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.core.event.LineCrossing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vehicles counted at each counting line per 15 minutes, per class and direction, the way ATCS (the city's Area
 * Traffic Control System) reports volumes: one row per period, line and direction with a column per class.
 * Built from {@code line_crossing} events; kept for {@link BoardWindow#RETENTION} and then dropped, so memory stays
 * bounded by cameras x lines x directions x 96 periods. A crossing delivered twice by the bus counts once.
 */
final class TrafficCounts {
    static final Duration PERIOD = Duration.ofMinutes(15);
    /** The classes counted, in report order; anything else is counted as {@code other}. */
    static final List<String> CLASSES = List.of("motorcycle", "car", "bus", "truck", "bicycle", "other");

    private final Clock clock;
    private final RecentIds seen = new RecentIds(50_000);
    private final TreeMap<Key, long[]> periods = new TreeMap<>();

    private record Key(long start, String camera, String line, String direction) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::start).thenComparing(Key::camera)
                .thenComparing(Key::line).thenComparing(Key::direction);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** One period of one line and direction. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Row(OffsetDateTime start, OffsetDateTime end, String camera, String line, String direction,
               Map<String, Long> counts, long total) {
    }

    TrafficCounts(Clock clock) {
        this.clock = clock;
    }

    void accept(LineCrossing c) {
        Instant t = c.time().toInstant();
        if (t.isBefore(cutoff()) || !seen.first(c.eventId())) {
            return;
        }
        int cls = CLASSES.indexOf(c.roadUserClass());
        Key k = new Key(BoardWindow.floor(t, PERIOD), c.camera(), c.line(), c.direction() == null ? "-" : c.direction().label());
        synchronized (this) {
            periods.computeIfAbsent(k, x -> new long[CLASSES.size()])[cls < 0 ? CLASSES.size() - 1 : cls]++;
            prune();
        }
    }

    /** The periods that started in the window, oldest first; {@code camera} null for all. */
    synchronized List<Row> rows(BoardWindow w) {
        prune();
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Key, long[]> e : periods.tailMap(new Key(BoardWindow.floor(w.from(), PERIOD), "", "", ""), true).entrySet()) {
            Key k = e.getKey();
            if (!w.includes(k.camera())) {
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            long total = 0;
            for (int i = 0; i < CLASSES.size(); i++) {
                counts.put(CLASSES.get(i), e.getValue()[i]);
                total += e.getValue()[i];
            }
            out.add(new Row(BoardWindow.wib(k.start()), BoardWindow.wib(k.start() + PERIOD.toSeconds()), k.camera(),
                    k.line(), k.direction(), counts, total));
        }
        return out;
    }

    private Instant cutoff() {
        return clock.instant().minus(BoardWindow.RETENTION);
    }

    private void prune() {
        periods.headMap(new Key(BoardWindow.floor(cutoff(), PERIOD), "", "", "")).clear();
    }
}
