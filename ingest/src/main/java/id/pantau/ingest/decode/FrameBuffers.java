package id.pantau.ingest.decode;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A camera's pool of direct pixel buffers for the frames it hands to analysis, so a sampled frame costs no fresh
 * 2.76 MB array (720p BGR24) and reaches OpenCV with no further copy (detect reads direct frames in place).
 *
 * <p>A buffer goes back to the pool only when its frame is dropped by the queue or released by the consumer that
 * finished with it ({@code CameraWorker.release}). A consumer that never releases costs nothing but the pool's
 * benefit: the pool then allocates a new buffer (counted by {@link #allocated()}) and the garbage collector frees the
 * old one. The pool is bounded by the frames in flight at once (queue capacity plus the consumers' frames), which is
 * the most it ever allocates while consumers release. Thread-safe: one producer, any consumers.
 */
public final class FrameBuffers {
    private final int maxIdle;
    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    /** Outstanding buffers, oldest first, compared by identity (a ByteBuffer's equals compares contents). */
    private final ArrayDeque<ByteBuffer> lent = new ArrayDeque<>();
    private final int maxLent;
    private long allocated;

    /** @param maxIdle most buffers kept for reuse (beyond that, released buffers are left to the GC) */
    public FrameBuffers(int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("idle buffers must be >= 0, got " + maxIdle);
        }
        this.maxIdle = maxIdle;
        // A consumer that never releases must not make the pool hold its buffers for ever: past this many
        // outstanding, the oldest is forgotten (the GC frees it with its frame; its release is then ignored).
        this.maxLent = 4 * maxIdle + 8;
    }

    /** A direct buffer of exactly {@code bytes} (position 0, limit {@code bytes}), reused when one is idle. */
    public synchronized ByteBuffer take(int bytes) {
        ByteBuffer b;
        do {
            b = idle.pollFirst();
        } while (b != null && b.capacity() != bytes); // the camera's resolution changed: drop the old size
        if (b == null) {
            b = ByteBuffer.allocateDirect(bytes);
            allocated++;
        }
        b.clear();
        lent.addLast(b);
        if (lent.size() > maxLent) {
            lent.pollFirst();
        }
        return b;
    }

    /**
     * Returns a buffer handed out by {@link #take}; anything else (a heap frame, a buffer already returned) is
     * ignored, so a double release can never hand one buffer to two frames.
     *
     * @return whether the buffer was this pool's and outstanding
     */
    public synchronized boolean give(ByteBuffer buffer) {
        if (!removeIdentical(buffer)) {
            return false;
        }
        if (idle.size() < maxIdle) {
            idle.addFirst(buffer); // the most recently used buffer is the likeliest still in cache
        }
        return true;
    }

    private boolean removeIdentical(ByteBuffer buffer) {
        for (var it = lent.iterator(); it.hasNext(); ) {
            if (it.next() == buffer) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Buffers allocated since creation: stays at the in-flight peak while consumers release their frames. */
    public synchronized long allocated() {
        return allocated;
    }

    /** Buffers handed out and not yet returned. */
    public synchronized int outstanding() {
        return lent.size();
    }
}
