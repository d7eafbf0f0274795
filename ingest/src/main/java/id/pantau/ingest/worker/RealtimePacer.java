package id.pantau.ingest.worker;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds back a file camera so its frames come out at the rate of their timestamps, like a live camera.
 * If decoding falls more than half a second behind (a slow machine), it re-anchors instead of bursting to catch up.
 */
final class RealtimePacer {
    private static final long MAX_LAG_NANOS = 500_000_000L;
    private long anchorNanos = Long.MIN_VALUE;
    private long anchorMicros;

    /**
     * Sleeps until the frame with this (monotonic, loop-adjusted) stream time is due.
     *
     * @return true if the pacer re-anchored because decoding had fallen more than the allowed lag behind
     */
    boolean await(long streamMicros) throws InterruptedException {
        long now = System.nanoTime();
        if (anchorNanos == Long.MIN_VALUE || streamMicros < anchorMicros) {
            anchorNanos = now;
            anchorMicros = streamMicros;
            return false;
        }
        long due = anchorNanos + (streamMicros - anchorMicros) * 1_000;
        long wait = due - now;
        if (wait < -MAX_LAG_NANOS) {
            anchorNanos = now;
            anchorMicros = streamMicros;
            return true;
        }
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("pacing interrupted");
            }
            wait = due - System.nanoTime();
        }
        return false;
    }
}
