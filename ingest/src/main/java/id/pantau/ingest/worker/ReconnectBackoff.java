package id.pantau.ingest.worker;

import java.time.Duration;

/**
 * Delays between reconnect attempts: {@code initial}, doubled after each failure up to {@code max}, each delay
 * randomised by ±{@code jitter} (a fraction) so that cameras behind one failed switch do not all retry in step.
 * The first attempt after a stream drops is immediate; the back-off starts after that attempt fails.
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
}
