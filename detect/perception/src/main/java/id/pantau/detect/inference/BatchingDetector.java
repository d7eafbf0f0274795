package id.pantau.detect.inference;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns the cameras' separate {@link #detect} calls into batched inferences: each camera's perception thread hands
 * its frame over and waits, and a dispatcher thread takes whatever frames are waiting (up to the detector's batch)
 * and runs them as one {@link Detector#detectAll}. Cameras sample at their own phases, so a dispatcher that finds
 * one frame waits up to {@code maxWait} for others before it runs (the dynamic batching of inference servers such as
 * Triton); frames that queued while the detector was busy batch with no wait at all.
 *
 * <p>Use it only in front of a detector that batches ({@link OnnxDetector#batched()}): a batch-1 model gains nothing
 * and pays the hand-over. Bounds: one queue slot per frame in flight (a camera has at most one, as
 * {@code PerceptionStage} processes each camera's frames one at a time), so a full queue blocks the caller rather
 * than growing; {@code dispatchers} batches run at once, which should match the detector's session count.
 *
 * <p>Failure isolation: if a batch fails, its frames are retried one by one, so a frame that breaks the model fails
 * only its own camera's call.
 */
public final class BatchingDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingDetector.class);

    private record Request(VideoFrame frame, CompletableFuture<List<Detection>> result, long queuedAt) {
    }

    private final Detector base;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Request> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final DistributionSummary batchSize;
    private final Timer queueWait;
    private final Counter retriedAlone;
    private volatile boolean closed;

    /**
     * @param base        the batching detector; its lifetime stays with the caller
     * @param maxBatch    most frames per inference (the detector's own limit)
     * @param maxWait     how long a dispatcher holding fewer than {@code maxBatch} frames waits for more
     * @param dispatchers batches in flight at once
     * @param queueSlots  frames that may wait (at least the camera count)
     */
    public BatchingDetector(Detector base, int maxBatch, Duration maxWait, int dispatchers, int queueSlots,
                            MeterRegistry registry) {
        if (maxBatch < 1 || dispatchers < 1 || queueSlots < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("batching needs max batch, dispatchers and queue slots >= 1 and a"
                    + " wait >= 0; got " + maxBatch + ", " + dispatchers + ", " + queueSlots + ", " + maxWait);
        }
        this.base = base;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueSlots);
        String model = base.modelName();
        this.batchSize = DistributionSummary.builder("pantau.detect.batch.size")
                .description("frames per batched inference").tag("model", model).register(registry);
        this.queueWait = Timer.builder("pantau.detect.batch.wait")
                .description("time a frame waited for its batch to start").tag("model", model).register(registry);
        this.retriedAlone = Counter.builder("pantau.detect.batch.retried")
                .description("frames re-run alone after their batch failed").tag("model", model).register(registry);
        for (int i = 0; i < dispatchers; i++) {
            Thread t = Thread.ofPlatform().name("detect-batch-" + i).daemon().unstarted(this::dispatch);
            threads.add(t);
            t.start();
        }
    }

    /** Queues the frame for the next batch and waits for its detections. */
    @Override
    public List<Detection> detect(VideoFrame frame) {
        if (closed) {
            throw new IllegalStateException("the batching detector for " + base.modelName() + " is closed");
        }
        Request r = new Request(frame, new CompletableFuture<>(), System.nanoTime());
        try {
            queue.put(r);
            if (closed) {
                r.result.cancel(false); // closed while this frame queued: no dispatcher is left to run it
            }
            return r.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for detection", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("the batching detector for " + base.modelName() + " closed", e);
        }
    }

    /** Already several frames: straight to the detector, which batches them itself. */
    @Override
    public List<List<Detection>> detectAll(List<VideoFrame> frames) {
        return base.detectAll(frames);
    }

    private void dispatch() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(r -> r.result.cancel(false));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Request> batch) {
        long start = System.nanoTime();
        batchSize.record(batch.size());
        List<VideoFrame> frames = new ArrayList<>(batch.size());
        for (Request r : batch) {
            frames.add(r.frame);
        }
        List<List<Detection>> results;
        try {
            results = base.detectAll(frames);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().result.completeExceptionally(e);
                return;
            }
            LOG.warn("a batch of {} frames failed ({}); running them one by one", batch.size(), e.toString());
            for (Request r : batch) {
                retriedAlone.increment();
                try {
                    r.result.complete(base.detect(r.frame));
                } catch (RuntimeException alone) {
                    r.result.completeExceptionally(alone);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            queueWait.record(start - batch.get(i).queuedAt, TimeUnit.NANOSECONDS);
            batch.get(i).result.complete(results.get(i));
        }
    }

    @Override
    public String modelName() {
        return base.modelName();
    }

    /** Stops the dispatchers; frames still queued fail with a clear error. The base detector stays open. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Request r;
        while ((r = queue.poll()) != null) {
            r.result.cancel(false);
        }
    }
}
