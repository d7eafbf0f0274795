package id.pantau.core.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The single-node bus: each consumer group of a topic gets its own bounded queue and delivery thread.
 * {@link #publish} blocks while a group's queue is full (back-pressure rather than loss). A handler that
 * throws gets the same record again after a pause, as a Kafka consumer that did not commit would.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private final int capacity;
    private final Duration retryPause;
    private final Map<String, List<Group>> groupsByTopic = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public InProcessEventBus() {
        this(10_000, Duration.ofMillis(500));
    }

    public InProcessEventBus(int capacityPerGroup, Duration retryPause) {
        this.capacity = capacityPerGroup;
        this.retryPause = retryPause;
    }

    @Override
    public CompletionStage<Void> publish(String topic, String key, byte[] value) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("event bus is closed"));
        }
        BusRecord record = new BusRecord(topic, key, value, Instant.now());
        try {
            for (Group g : groupsByTopic.getOrDefault(topic, List.of())) {
                g.queue.put(record);
            }
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized Subscription subscribe(String topic, String group, RecordHandler handler) {
        Group g = new Group(topic, group, handler, new ArrayBlockingQueue<>(capacity));
        groupsByTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(g);
        g.thread.start();
        return () -> {
            groupsByTopic.getOrDefault(topic, List.of()).remove(g);
            g.stop();
        };
    }

    @Override
    public void close() {
        closed = true;
        groupsByTopic.values().forEach(list -> list.forEach(Group::stop));
        groupsByTopic.clear();
    }

    private final class Group {
        final BlockingQueue<BusRecord> queue;
        final Thread thread;
        volatile boolean running = true;

        Group(String topic, String group, RecordHandler handler, BlockingQueue<BusRecord> queue) {
            this.queue = queue;
            this.thread = Thread.ofPlatform().daemon().name("bus-" + topic + "-" + group).unstarted(() -> {
                while (running) {
                    BusRecord r;
                    try {
                        r = queue.poll(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (r != null) {
                        deliver(topic, group, handler, r);
                    }
                }
            });
        }

        private void deliver(String topic, String group, RecordHandler handler, BusRecord r) {
            while (running) {
                try {
                    handler.handle(r);
                    return;
                } catch (Exception e) {
                    log.warn("handler of group {} failed on {} record key={}, retrying in {} ms: {}",
                            group, topic, r.key(), retryPause.toMillis(), e.toString());
                    try {
                        Thread.sleep(retryPause);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
        }
    }
}
