package id.pantau.ingest.ring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last N seconds of one camera, kept for evidence clips.
 *
 * <p>Why JPEG copies of sampled frames: raw 720p BGR is 2.7 MB a frame, so 10 s at 25 fps would be 690 MB per
 * camera. A buffer of encoded H.264 packets is smallest but ties evidence to FFmpeg internals (GOP boundaries,
 * decoding from the last keyframe) and does not exist for MJPEG cameras. JPEG at quality 85 makes a 720p street
 * frame ~100-200 KB, encodes in a few ms on the worker thread that already holds the pixels, and any later stage can
 * use the bytes directly (evidence JPEGs) or decode them. Frames are kept at {@code ringFps} (default: the analysis
 * rate), so a 10 s window at 5 fps is ~50 frames ≈ 5-10 MB.
 *
 * <p>Memory bound: the sum of the JPEG sizes never exceeds {@code maxBytes}; frames older than {@code window}
 * before the newest one are dropped too. Whichever limit is hit first evicts the oldest frames.
 * Thread-safe: one worker adds, any thread reads.
 */
public final class FrameRing {
    private volatile Duration window;
    private final long maxBytes;
    private final ArrayDeque<RingFrame> frames = new ArrayDeque<>();
    private long bytes;
    private long evicted;

    public FrameRing(Duration window, long maxBytes) {
        this.window = window;
        this.maxBytes = maxBytes;
    }

    public synchronized void add(RingFrame frame) {
        if (frame.jpeg().length > maxBytes) {
            evicted++;
            return; // a single frame larger than the whole budget can never be kept
        }
        frames.addLast(frame);
        bytes += frame.jpeg().length;
        Instant oldestAllowed = frame.captureTime().minus(window);
        while (!frames.isEmpty()
                && (bytes > maxBytes || frames.peekFirst().captureTime().isBefore(oldestAllowed))) {
            bytes -= frames.removeFirst().jpeg().length;
            evicted++;
        }
    }

    /** Frames with {@code t0 <= captureTime <= t1}, oldest first. */
    public synchronized List<RingFrame> window(Instant t0, Instant t1) {
        List<RingFrame> out = new ArrayList<>();
        for (RingFrame f : frames) {
            if (!f.captureTime().isBefore(t0) && !f.captureTime().isAfter(t1)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Everything held, oldest first. */
    public synchronized List<RingFrame> snapshot() {
        return List.copyOf(frames);
    }

    public synchronized int size() {
        return frames.size();
    }

    /** Bytes held now (always {@code <= maxBytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long evicted() {
        return evicted;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Widens the window to at least {@code min} (never narrows it): the evidence stage sizes the ring from its clip
     * and the analytics' lag, so a crossing's frames are still held when its violation is packaged. Frames already
     * evicted do not come back; the byte bound is unchanged.
     *
     * @return the window now in force
     */
    public synchronized Duration ensureWindow(Duration min) {
        if (min.compareTo(window) > 0) {
            window = min;
        }
        return window;
    }

    public Duration window() {
        return window;
    }
}
