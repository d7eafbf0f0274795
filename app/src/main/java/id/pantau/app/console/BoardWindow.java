package id.pantau.app.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The period a board query covers: the last {@code hours} (1-24, default 24) up to now, for one camera or all.
 * The board keeps 24 hours in memory ({@link #RETENTION}); older figures are in the event stores, not here.
 * Times are answered in WIB (UTC+7, no daylight saving), the city's time.
 */
record BoardWindow(Instant from, Instant to, String camera) {
    static final Duration RETENTION = Duration.ofHours(24);
    static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    /** Reads {@code hours} and {@code camera} from the query; a bad value is a 400 naming the parameter. */
    static BoardWindow of(Map<String, List<String>> query, Clock clock) {
        int hours = 24;
        String raw = first(query, "hours");
        if (raw != null) {
            try {
                hours = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > RETENTION.toHours()) {
                throw new IllegalArgumentException("hours must be a whole number from 1 to " + RETENTION.toHours()
                        + " (the board keeps " + RETENTION.toHours() + " h), got '" + raw + "'");
            }
        }
        String camera = first(query, "camera");
        if (camera != null && (camera.isBlank() || camera.length() > 64)) {
            throw new IllegalArgumentException("camera must be a camera id (1-64 characters), got '" + camera + "'");
        }
        Instant now = clock.instant();
        return new BoardWindow(now.minus(Duration.ofHours(hours)), now, camera == null || camera.isBlank() ? null : camera);
    }

    boolean includes(String cam) {
        return camera == null || camera.equals(cam);
    }

    boolean includes(Instant t) {
        return !t.isBefore(from);
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The start (epoch seconds) of the period of the given length that holds t; periods align on the hour. */
    static long floor(Instant t, Duration period) {
        long p = period.toSeconds();
        return Math.floorDiv(t.getEpochSecond(), p) * p;
    }

    static OffsetDateTime wib(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(WIB);
    }
}
