package id.pantau.ingest.ring;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.decode.JpegFromPicture;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * Encodes a camera's ring frames on a thread of their own, so the reader goes straight back to the socket.
 *
 * <p>Why: a live camera's reader must keep pace with the stream, and with frame-threaded decoding every
 * millisecond the reader spends outside {@code grab()} also idles the decoder's threads. Handing a picture over is
 * cheap: {@code av_frame_clone} takes a reference to the decoder's reference-counted buffer (no pixel copy), and
 * the decoder simply draws a fresh buffer from its pool for the next frame.
 *
 * <p>Bounded: at most {@code capacity} pictures wait; when the encoder falls that far behind, {@link #submit} waits
 * for room (the CPU is saturated anyway, and evidence frames are not dropped silently). One per reader thread.
 */
public final class RingEncoder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RingEncoder.class);
    private static final int CAPACITY = 4;

    private record Job(AVFrame picture, long sequence, Instant capture, long streamMicros, int width, int height) {
    }

    private static final Job STOP = new Job(null, -1, null, 0, 0, 0);

    private final CameraId camera;
    private final FrameRing ring;
    private final JpegFromPicture jpeg;
    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private final Object idle = new Object();
    private int pending; // guarded by idle
    private volatile boolean closed;

    public RingEncoder(CameraId camera, FrameRing ring, int jpegQuality, String threadName) {
        this.camera = camera;
        this.ring = ring;
        this.jpeg = new JpegFromPicture(jpegQuality);
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /**
     * Queues one decoded picture for the ring. The picture is referenced, not copied: the caller may go on
     * decoding into its grabber at once. Returns false when interrupted (the reader is stopping).
     */
    public boolean submit(AVFrame picture, long sequence, Instant capture, long streamMicros) {
        if (closed) {
            throw new IllegalStateException("ring encoder of camera " + camera + " is closed");
        }
        AVFrame ref = av_frame_clone(picture);
        if (ref == null) {
            throw new IllegalStateException("cannot reference a decoded picture (out of memory)");
        }
        synchronized (idle) {
            pending++;
        }
        try {
            jobs.put(new Job(ref, sequence, capture, streamMicros, picture.width(), picture.height()));
            return true;
        } catch (InterruptedException e) {
            av_frame_free(ref);
            done();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until every picture submitted so far is in the ring (e.g. before a file camera reports FINISHED). */
    public void flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (idle) {
            while (pending > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                idle.wait(left);
            }
        }
    }

    private void done() {
        synchronized (idle) {
            pending--;
            idle.notifyAll();
        }
    }

    private void run() {
        try {
            while (true) {
                Job job = jobs.take();
                if (job == STOP) {
                    return;
                }
                try {
                    byte[] bytes = jpeg.encode(job.picture());
                    ring.add(new RingFrame(camera, job.sequence(), job.capture(), job.streamMicros(), job.width(),
                            job.height(), bytes));
                } catch (RuntimeException e) {
                    // One picture FFmpeg cannot encode must not end the camera's evidence ring.
                    log.warn("camera {}: ring frame {} not encoded: {}", camera, job.sequence(), e.getMessage());
                } finally {
                    av_frame_free(job.picture());
                    done();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            jpeg.close();
        }
    }

    /** Encodes what is queued, then stops the thread and releases the encoder. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jobs.put(STOP);
            thread.join(10_000);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        Job left;
        while ((left = jobs.poll()) != null) {
            if (left != STOP) {
                av_frame_free(left.picture());
            }
        }
    }
}
