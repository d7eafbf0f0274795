package id.pantau.core.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
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
 *
 * <p>With a journal folder ({@link #journaled}), every group also writes its records to a {@link GroupJournal}
 * before queueing them and counts the ones it handled, so records in flight when the process is killed are handed
 * to the group again when it subscribes at the next start: what was published is not lost with the process.
 * A group receives the records published while it is subscribed; subscribe before publishing starts.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private final int capacity;
    private final Duration retryPause;
    private final Path journalDir;
    private final Map<String, List<Group>> groupsByTopic = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public InProcessEventBus() {
        this(10_000, Duration.ofMillis(500));
    }

    public InProcessEventBus(int capacityPerGroup, Duration retryPause) {
        this(capacityPerGroup, retryPause, null);
    }

    private InProcessEventBus(int capacityPerGroup, Duration retryPause, Path journalDir) {
        this.capacity = capacityPerGroup;
        this.retryPause = retryPause;
        this.journalDir = journalDir;
    }

    /** A bus whose groups keep their unhandled records in {@code dir}, to survive a killed process. */
    public static InProcessEventBus journaled(Path dir) {
        return journaled(dir, 10_000, Duration.ofMillis(500));
    }

    public static InProcessEventBus journaled(Path dir, int capacityPerGroup, Duration retryPause) {
        return new InProcessEventBus(capacityPerGroup, retryPause, dir);
    }

    @Override
    public CompletionStage<Void> publish(String topic, String key, byte[] value) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("event bus is closed"));
        }
        BusRecord record = new BusRecord(topic, key, value, Instant.now());
        try {
            for (Group g : groupsByTopic.getOrDefault(topic, List.of())) {
                g.offer(record);
            }
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized Subscription subscribe(String topic, String group, RecordHandler handler) {
        GroupJournal.Opened journal = journalDir == null ? null
                : GroupJournal.open(journalDir.resolve(safe(topic)).resolve(safe(group)));
        Group g = new Group(topic, group, handler, new ArrayBlockingQueue<>(capacity),
                journal == null ? null : journal.journal());
        g.thread.start();
        if (journal != null && !journal.pending().isEmpty()) {
            log.info("group {} of {}: {} records from before the last stop are handed over again", group, topic,
                    journal.pending().size());
            g.replay(journal.pending());
        }
        groupsByTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(g);
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

    /** Topic and group names as folder names: letters, digits, dot, dash and underscore. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private final class Group {
        final BlockingQueue<BusRecord> queue;
        final Thread thread;
        final GroupJournal journal;
        volatile boolean running = true;

        Group(String topic, String group, RecordHandler handler, BlockingQueue<BusRecord> queue, GroupJournal journal) {
            this.queue = queue;
            this.journal = journal;
            this.thread = Thread.ofPlatform().daemon().name("bus-" + topic + "-" + group).unstarted(() -> {
                while (running) {
                    BusRecord r;
                    try {
                        r = queue.poll(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (r != null && deliver(topic, group, handler, r) && journal != null) {
                        try {
                            journal.commitOne();
                        } catch (RuntimeException e) {
                            // the record was handled; at worst it is handed over again after a restart
                            log.error("group {} of {}: journal commit failed: {}", group, topic, e.toString());
                        }
                    }
                }
            });
        }

        /** Journal order is queue order: both happen under the group's lock, so the handled count names records. */
        synchronized void offer(BusRecord r) throws InterruptedException {
            if (journal != null) {
                journal.append(r);
            }
            queue.put(r);
        }

        /** The journal already holds these; they go first, before anything published from now on. */
        synchronized void replay(List<BusRecord> pending) {
            try {
                for (BusRecord r : pending) {
                    queue.put(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** True once the handler took the record; false when the group stopped first (the record stays owed). */
        private boolean deliver(String topic, String group, RecordHandler handler, BusRecord r) {
            while (running) {
                try {
                    handler.handle(r);
                    return true;
                } catch (Exception e) {
                    log.warn("handler of group {} failed on {} record key={}, retrying in {} ms: {}",
                            group, topic, r.key(), retryPause.toMillis(), e.toString());
                    try {
                        Thread.sleep(retryPause);
                    } catch (InterruptedException ie) {
                        return false;
                    }
                }
            }
            return false;
        }

        void stop() {
            running = false;
            thread.interrupt();
            if (journal != null) {
                try {
                    thread.join(2000);    // let an in-flight commit finish before the journal closes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                journal.close();
            }
        }
    }
}
