package id.pantau.ingest.worker;

/**
 * Picks frames at a target rate by their stream timestamps (not by counting frames), so a 25 fps and a
 * 29.97 fps camera both give 5 frames per stream-second at 5 fps, and dropped source frames do not skew the rate.
 * If the target rate is at or above the source rate every frame passes.
 */
public final class FrameSampler {
    /** Tolerance for timestamp rounding (a 30 fps source gives 33333/33334 µs steps). */
    private static final long SLACK_MICROS = 1_000;
    private final long intervalMicros;
    private long next = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;

    public FrameSampler(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("sampling fps must be > 0, got " + fps);
        }
        this.intervalMicros = Math.max(1, Math.round(1_000_000 / fps));
    }

    /** Whether the frame with this stream time is taken. Call once per decoded frame, in decode order. */
    public boolean accept(long streamMicros) {
        boolean restart = next == Long.MIN_VALUE || streamMicros < last
                || streamMicros - next > 2 * intervalMicros;   // after a reconnect or a long gap: re-anchor
        last = streamMicros;
        if (restart) {
            next = streamMicros + intervalMicros;
            return true;
        }
        if (streamMicros + SLACK_MICROS >= next) {
            next += intervalMicros;
            return true;
        }
        return false;
    }

    /** Forget the anchor, e.g. when a new connection starts its timestamps again. */
    public void reset() {
        next = Long.MIN_VALUE;
        last = Long.MIN_VALUE;
    }
}
