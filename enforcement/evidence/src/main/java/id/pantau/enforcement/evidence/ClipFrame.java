package id.pantau.enforcement.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One frame from a camera's ring buffer, as the ingest stage keeps it: JPEG-compressed, with its sequence number
 * (the frame number the analytics report in {@code frames.before/at/after}) and capture time.
 *
 * <p>The JPEG array is not copied (frames are large and many); callers must not modify it afterwards.
 */
public record ClipFrame(long sequence, Instant time, byte[] jpeg) {
    public ClipFrame {
        Objects.requireNonNull(time, "time");
        if (jpeg == null || jpeg.length == 0) {
            throw new IllegalArgumentException("frame " + sequence + " has no JPEG data");
        }
    }
}
