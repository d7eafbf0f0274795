package id.pantau.ingest.worker;

/**
 * Frames per second from the gaps between frame timestamps, smoothed (exponential moving average over roughly the
 * last 20 frames) so that one late frame does not swing the gauge. Written by one thread, read by any.
 */
final class RateEstimator {
    private static final double WEIGHT = 0.05;
    private static final long MAX_GAP_MICROS = 10_000_000; // a reconnect or a pause is not a frame interval
    private volatile double meanGapMicros = Double.NaN;

    void add(long gapMicros) {
        if (gapMicros <= 0 || gapMicros > MAX_GAP_MICROS) {
            return;
        }
        double m = meanGapMicros;
        meanGapMicros = Double.isNaN(m) ? gapMicros : m + WEIGHT * (gapMicros - m);
    }

    /** NaN until the first interval is known. */
    double fps() {
        double m = meanGapMicros;
        return Double.isNaN(m) ? Double.NaN : 1e6 / m;
    }
}
