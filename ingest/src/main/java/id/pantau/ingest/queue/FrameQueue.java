package id.pantau.ingest.queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The hand-off between a camera worker and the analysis stage. Bounded, and it never blocks the producer: when the
 * consumer falls behind, the OLDEST waiting item is dropped (a fresh frame is worth more to live analytics than a
 * stale one), and every drop is counted.
 *
 * <p>Designed for one producer (the camera's worker thread) and any number of consumers.
 */
public final class FrameQueue<T> {
    private final ArrayBlockingQueue<T> items;
    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder offered = new LongAdder();
    private final Consumer<? super T> onDrop;
    private volatile Runnable onOffer = () -> { };

    public FrameQueue(int capacity) {
        this(capacity, item -> { });
    }

    /** @param onDrop told of each item dropped to make room (e.g. to recycle its pixel buffer) */
    public FrameQueue(int capacity, Consumer<? super T> onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayBlockingQueue<>(capacity);
        this.onDrop = onDrop;
    }

    /** Adds the item, dropping the oldest ones if full. Never blocks. */
    public void offer(T item) {
        offered.increment();
        while (!items.offer(item)) {
            // Consumers only ever make room, so with a single producer this loop runs at most a few times.
            T oldest = items.poll();
            if (oldest != null) {
                dropped.increment();
                onDrop.accept(oldest);
            }
        }
        onOffer.run();
    }

    /** Told after each item offered (e.g. to wake the analysis scheduler); must be cheap and never block. */
    public void onOffer(Runnable listener) {
        this.onOffer = listener == null ? () -> { } : listener;
    }

    /** The oldest item, waiting up to {@code timeout}; null if none arrived. */
    public T poll(Duration timeout) throws InterruptedException {
        return items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The oldest item, or null right away. */
    public T poll() {
        return items.poll();
    }

    /** Waits for the next item. */
    public T take() throws InterruptedException {
        return items.take();
    }

    /** Moves everything waiting into {@code sink}; returns how many. */
    public int drainTo(List<? super T> sink) {
        return items.drainTo(sink);
    }

    public int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Items dropped because the consumer was behind, since creation. */
    public long dropped() {
        return dropped.sum();
    }

    /** Items offered since creation (delivered + waiting + dropped). */
    public long offered() {
        return offered.sum();
    }
}
