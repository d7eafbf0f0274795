package id.pantau.ingest.live;

import java.util.ArrayDeque;

/**
 * One browser watching a camera: a bounded queue between the camera's reader thread (which only ever adds, never
 * waits) and the connection that sends the chunks. A viewer that falls behind by more than its byte budget loses
 * what is queued and resumes at the next keyframe, so a slow viewer costs itself frames, never the pipeline.
 * The consumer polls after {@link #onReady} signals; the signal fires once per empty-to-non-empty change.
 */
public final class LiveViewer implements AutoCloseable {
    private final LiveFeed feed;
    private final long maxBytes;
    private final ArrayDeque<LiveChunk> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean waitingForKeyframe;
    private boolean signalled;
    private String endReason;
    private long dropped;
    private volatile Runnable ready = () -> { };

    LiveViewer(LiveFeed feed, long maxBytes) {
        this.feed = feed;
        this.maxBytes = maxBytes;
    }

    /** Called (on the reader's thread: hand the work elsewhere) when chunks or the end wait to be polled. */
    public void onReady(Runnable ready) {
        this.ready = ready;
        boolean pending;
        synchronized (this) {
            pending = !queue.isEmpty() || endReason != null;
            if (pending) {
                signalled = true;
            }
        }
        if (pending) {
            ready.run();
        }
    }

    /** Adds a chunk; never blocks. The init segment is always kept. */
    void offer(LiveChunk chunk) {
        boolean signal;
        synchronized (this) {
            if (endReason != null) {
                return;
            }
            if (!chunk.init()) {
                if (waitingForKeyframe && !chunk.keyframe()) {
                    dropped++;
                    return;
                }
                if (queuedBytes + chunk.bytes().length > maxBytes) {
                    // too slow: drop everything not yet sent but the init segment, and restart at a keyframe
                    int before = queue.size();
                    queue.removeIf(c -> !c.init());
                    dropped += before - queue.size();
                    feed.skipped();
                    queuedBytes = queue.stream().mapToLong(c -> c.bytes().length).sum();
                    if (!chunk.keyframe()) {
                        waitingForKeyframe = true;
                        dropped++;
                        return;
                    }
                }
                waitingForKeyframe = false;
            }
            queue.add(chunk);
            queuedBytes += chunk.bytes().length;
            signal = !signalled;
            signalled = true;
        }
        if (signal) {
            ready.run();
        }
    }

    /** Ends this viewer's stream (the camera dropped or restarted): the consumer polls the rest, then sees it. */
    void end(String reason) {
        boolean signal;
        synchronized (this) {
            if (endReason != null) {
                return;
            }
            endReason = reason;
            signal = !signalled;
            signalled = true;
        }
        if (signal) {
            ready.run();
        }
    }

    /** The next chunk, or null when none waits (then the next {@link #onReady} signal says when). */
    public synchronized LiveChunk poll() {
        LiveChunk c = queue.poll();
        if (c == null) {
            signalled = false;
            return null;
        }
        queuedBytes -= c.bytes().length;
        return c;
    }

    /** Why the stream ended once everything queued has been polled, else null. */
    public synchronized String ended() {
        return queue.isEmpty() ? endReason : null;
    }

    /** Fragments this viewer lost by being slow. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Bytes waiting for this viewer. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Where the stream's media time 0 lies on the wall clock (epoch ms), see {@link LiveFeed#mediaOriginMillis}. */
    public long mediaOriginMillis() {
        return feed.mediaOriginMillis();
    }

    /** Stops receiving chunks; the feed forgets this viewer. */
    @Override
    public void close() {
        synchronized (this) {
            if (endReason == null) {
                endReason = "closed by the viewer";
            }
            queue.clear();
            queuedBytes = 0;
        }
        feed.remove(this);
    }
}
