package id.pantau.detect.stage;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands the cameras' frames to a fixed set of analysis threads, taking turns across cameras in proportion to their
 * weights (stride scheduling), one frame of a camera at a time.
 *
 * <p>Why not a thread per camera: past the CPU's limit, N threads competing for the cores and the detector's slots
 * analyse <em>fewer</em> frames in all (switching, cache misses), each camera's backlog ages, and whichever thread
 * the OS favours gets more. Here a few threads (about the cores) do the work, and under overload:
 * <ul>
 *   <li>every camera gets its share: the camera with the least service per weight goes next, so a camera sending
 *       many frames cannot crowd out one sending few, and none starves;</li>
 *   <li>an enforcement camera can be given a larger weight (two turns for a counting camera's one);</li>
 *   <li>latency stays bounded: a camera whose oldest waiting frame is more than {@code maxLag} old while a newer
 *       one waits drops the older ones ({@link Lane#discard}), so analysis runs on fresh frames.</li>
 * </ul>
 * A camera that comes back from idle starts at the current round, not with credit for the time it was idle.
 */
public final class FairFrameScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FairFrameScheduler.class);

    /** One camera's frames as the scheduler sees them. Implementations must be thread-safe for poll vs offer. */
    public interface Lane {
        CameraId camera();

        /** Turns per round relative to other lanes, at least 1. */
        int weight();

        /** The oldest waiting frame, or null. */
        VideoFrame poll();

        /** Frames waiting now. */
        int waiting();

        /** Analyses the frame (perception, analytics) and then releases its pixels; never called concurrently. */
        void process(VideoFrame frame);

        /** A stale frame skipped for a newer one: release its pixels and count it. */
        void discard(VideoFrame frame);
    }

    private final class Entry {
        final Lane lane;
        final double stride;
        double pass;
        boolean busy;
        boolean idle = true;
        final LongAdder processed = new LongAdder();
        final LongAdder discarded = new LongAdder();

        Entry(Lane lane) {
            this.lane = lane;
            this.stride = 1.0 / Math.max(1, lane.weight());
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Duration maxLag;
    private double virtualTime;
    private volatile boolean running = true;

    /**
     * @param threads analysis threads (about the cores, or the detector's slots)
     * @param maxLag  a frame older than this is dropped when a newer frame of its camera waits
     * @param name    thread name prefix
     */
    public FairFrameScheduler(int threads, Duration maxLag, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("analysis threads must be >= 1, got " + threads);
        }
        this.maxLag = maxLag;
        for (int i = 0; i < threads; i++) {
            this.threads.add(Thread.ofPlatform().daemon().name(name + "-" + i).unstarted(this::work));
        }
    }

    /** Adds a camera; frames are taken from it once {@link #start} ran. */
    public void add(Lane lane) {
        lock.lock();
        try {
            Entry e = new Entry(lane);
            e.pass = virtualTime;
            entries.add(e);
        } finally {
            lock.unlock();
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /** A camera has a new frame: wakes an idle analysis thread (call from the producer; cheap). */
    public void signal() {
        if (lock.tryLock()) {
            try {
                work.signal();
            } finally {
                lock.unlock();
            }
        }
        // when the lock is taken, a thread is scheduling now and rescans before it sleeps (bounded wait anyway)
    }

    /** Frames of the camera analysed so far. */
    public long processed(CameraId camera) {
        return entry(camera).processed.sum();
    }

    /** Frames of the camera dropped as stale so far. */
    public long discarded(CameraId camera) {
        return entry(camera).discarded.sum();
    }

    private Entry entry(CameraId camera) {
        lock.lock();
        try {
            return entries.stream().filter(e -> e.lane.camera().equals(camera)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown camera " + camera));
        } finally {
            lock.unlock();
        }
    }

    /** The ready lane with the least service per weight, marked busy; null when none is ready. */
    private Entry pick() {
        Entry best = null;
        for (Entry e : entries) {
            if (e.lane.waiting() == 0) {
                e.idle = !e.busy;
                continue;
            }
            if (e.busy) {
                continue;
            }
            if (e.idle) {
                e.pass = Math.max(e.pass, virtualTime); // no credit saved up while idle
                e.idle = false;
            }
            if (best == null || e.pass < best.pass) {
                best = e;
            }
        }
        if (best != null) {
            virtualTime = best.pass;
            best.pass += best.stride;
            best.busy = true;
        }
        return best;
    }

    private void work() {
        while (running) {
            Entry e;
            lock.lock();
            try {
                while ((e = pick()) == null) {
                    if (!running) {
                        return;
                    }
                    // bounded wait: a signal lost while the lock was held costs at most this
                    work.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException ie) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                VideoFrame frame = freshest(e);
                if (frame != null) {
                    e.lane.process(frame);
                    e.processed.increment();
                }
            } catch (RuntimeException ex) {
                LOG.warn("camera {}: analysis failed: {}", e.lane.camera(), ex.toString());
            } finally {
                lock.lock();
                try {
                    e.busy = false;
                    work.signal();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The oldest waiting frame that is not stale while a newer one waits. */
    private VideoFrame freshest(Entry e) {
        Instant oldest = Instant.now().minus(maxLag);
        VideoFrame frame = e.lane.poll();
        while (frame != null && frame.captureTime().isBefore(oldest) && e.lane.waiting() > 0) {
            e.lane.discard(frame);
            e.discarded.increment();
            frame = e.lane.poll();
        }
        return frame;
    }

    /** Stops the analysis threads (the frame in hand finishes first). */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
