package id.pantau.app.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.core.event.RedLightViolation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Red-light violations detected per hour, camera and approach, from {@code red_light_violation} events as the
 * analytics publish them (detections, before police review: the review queue is the record of what became a
 * ticket). Kept for {@link BoardWindow#RETENTION}; a violation delivered twice counts once.
 */
final class ViolationsPerHour {
    static final Duration PERIOD = Duration.ofHours(1);

    private final Clock clock;
    private final RecentIds seen = new RecentIds(20_000);
    private final TreeMap<Key, Long> hours = new TreeMap<>();

    private record Key(long start, String camera, String approach) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::start).thenComparing(Key::camera)
                .thenComparing(Key::approach);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** One hour of one approach. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Row(OffsetDateTime start, OffsetDateTime end, String camera, String approach, long violations) {
    }

    ViolationsPerHour(Clock clock) {
        this.clock = clock;
    }

    void accept(RedLightViolation v) {
        Instant t = v.time().toInstant();
        Instant cutoff = clock.instant().minus(BoardWindow.RETENTION);
        if (t.isBefore(cutoff) || !seen.first(v.eventId())) {
            return;
        }
        synchronized (this) {
            hours.merge(new Key(BoardWindow.floor(t, PERIOD), v.camera(), v.approach() == null ? "-" : v.approach()),
                    1L, Long::sum);
            hours.headMap(new Key(BoardWindow.floor(cutoff, PERIOD), "", "")).clear();
        }
    }

    synchronized List<Row> rows(BoardWindow w) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Key, Long> e : hours.tailMap(new Key(BoardWindow.floor(w.from(), PERIOD), "", ""), true).entrySet()) {
            Key k = e.getKey();
            if (w.includes(k.camera())) {
                out.add(new Row(BoardWindow.wib(k.start()), BoardWindow.wib(k.start() + PERIOD.toSeconds()), k.camera(),
                        k.approach(), e.getValue()));
            }
        }
        return out;
    }
}
