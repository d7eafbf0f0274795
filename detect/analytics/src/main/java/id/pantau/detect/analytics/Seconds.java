package id.pantau.detect.analytics;

import java.time.Duration;
import java.time.Instant;

/** Durations as seconds (double), rounded for events, where the analytics reason in seconds. */
public final class Seconds {
    private Seconds() {
    }

    public static double between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** Rounded to milliseconds (or to 0.001 of whatever unit), enough for every event field. */
    public static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    public static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
