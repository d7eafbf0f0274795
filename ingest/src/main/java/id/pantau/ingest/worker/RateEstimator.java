package id.pantau.ingest.worker;

/**
 * Frames per second from the timestamps of the last {@value #WINDOW} frames, so that one late frame does not swing
 * the gauge. A gap over 10 s (a reconnect, a pause) starts the window again. Written by one thread, read by any.
 */
final class RateEstimator {
    private static final int WINDOW = 25;
    private static final long MAX_GAP_MICROS = 10_000_000;
    private final long[] stamps = new long[WINDOW];
    private int count;
    private int next;
    private volatile double fps = Double.NaN;

    void add(long streamMicros) {
        if (count > 0) {
            long previous = stamps[(next + WINDOW - 1) % WINDOW];
            long gap = streamMicros - previous;
            if (gap <= 0 || gap > MAX_GAP_MICROS) {
                count = 0;
            }
        }
        stamps[next] = streamMicros;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        if (count >= 2) {
            long oldest = stamps[(next + WINDOW - count) % WINDOW];
            fps = (count - 1) * 1e6 / (streamMicros - oldest);
        }
    }

    /** NaN until two frames were seen. */
    double fps() {
        return fps;
    }
}
