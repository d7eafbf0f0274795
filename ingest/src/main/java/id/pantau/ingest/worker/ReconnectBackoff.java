package id.pantau.ingest.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: {@code initial}, doubled after each consecutive failure up to {@code max},
 * each randomised by ±{@code jitter} (a fraction) so that cameras behind one failed switch do not all retry in step.
 * The worker reconnects at once after a stream that had been healthy drops; the back-off applies from there on.
 */
public record ReconnectBackoff(Duration initial, Duration max, double jitter) {
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30),
            0.2);

    public ReconnectBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    /** The wait before the next attempt after {@code failures} (>= 1) consecutive failures. */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long base = Math.min(max.toNanos(), initial.toNanos() << Math.min(doublings, 62 - 34));
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofNanos(Math.min(max.toNanos(), Math.round(base * factor)));
    }
}
