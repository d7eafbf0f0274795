package id.pantau.enforcement.ticket;

import id.pantau.core.bus.EventBus;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to the bus in id order and marks each one published only after the bus acknowledged
 * it. A crash before the mark means the row is sent again after restart (never lost); the event carries the
 * ticket id so consumers drop the rare repeat. One relay per database is assumed (single node, or one
 * designated instance).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Database db;
    private final EventBus bus;
    private final Clock clock;
    private final Duration interval;
    private final Counter published;
    private final Thread thread;
    private volatile boolean running = true;

    private record Row(long id, String topic, String key, String payload) {
    }

    public OutboxRelay(Database db, EventBus bus, Clock clock, Duration interval, MeterRegistry registry) {
        this.db = db;
        this.bus = bus;
        this.clock = clock;
        this.interval = interval;
        this.published = Counter.builder("pantau.enforcement.outbox.published").register(registry);
        registry.gauge("pantau.enforcement.outbox.pending", this, OutboxRelay::pendingSafely);
        this.thread = Thread.ofVirtual().name("outbox-relay").unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                relayOnce();
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay round failed, retrying in {} ms: {}", interval.toMillis(), e.toString());
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Publishes everything pending now; returns how many rows were published. Stops at the first failure. */
    public synchronized int relayOnce() {
        int n = 0;
        List<Row> rows;
        do {
            rows = pendingRows();
            for (Row r : rows) {
                try {
                    bus.publish(r.topic, r.key, r.payload.getBytes(StandardCharsets.UTF_8))
                            .toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.warn("outbox row {} for {} not published yet (will retry): {}", r.id, r.key, e.toString());
                    return n;
                }
                markPublished(r.id);
                published.increment();
                n++;
            }
        } while (rows.size() == BATCH && running);
        return n;
    }

    private List<Row> pendingRows() {
        return db.inTransaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, msg_key, payload FROM outbox"
                    + " WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    private void markPublished(long id) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ?")) {
                Sql.setInstant(ps, 1, clock.instant());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    public long pending() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private double pendingSafely() {
        try {
            return pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Stops after the row in flight (whose mark then commits), so a clean stop leaves nothing half-sent. */
    @Override
    public void close() {
        running = false;
        // no interrupt: an interrupted publish would leave its row unmarked and send it twice after restart
        if (thread.getState() == Thread.State.NEW) {
            return; // never started (relayOnce() used directly)
        }
        try {
            thread.join(Duration.ofSeconds(35));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
