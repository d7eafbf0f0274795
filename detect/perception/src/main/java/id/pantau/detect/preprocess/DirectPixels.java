package id.pantau.detect.preprocess;

import java.nio.ByteBuffer;

/**
 * Gives OpenCV a direct buffer view of packed BGR24 pixels. Frames from ingest are already direct (no copy); a
 * heap frame (e.g. built from ImageIO) is copied once into a buffer this object reuses. Not thread-safe.
 */
public final class DirectPixels {
    private ByteBuffer copy;

    /** A direct buffer positioned at the first of {@code bytes} pixels bytes. */
    public ByteBuffer of(ByteBuffer bgr, int bytes) {
        ByteBuffer src = bgr.duplicate();
        src.position(0).limit(bytes);
        if (src.isDirect()) {
            return src.slice();
        }
        if (copy == null || copy.capacity() < bytes) {
            copy = ByteBuffer.allocateDirect(bytes);
        }
        copy.clear();
        copy.put(src).flip();
        return copy;
    }
}
