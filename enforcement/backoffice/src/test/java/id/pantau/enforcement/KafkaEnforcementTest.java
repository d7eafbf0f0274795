package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaEventBus;
import id.pantau.core.json.Json;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.Http;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.testkit.kafka.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Violation events in and ticket events out over a real Kafka broker (KRaft, in-JVM, 127.0.0.1), with the
 * service stopped and started again while events keep arriving: every event becomes exactly one case, every
 * approval exactly one ticket event.
 */
@SuppressWarnings("try")
class KafkaEnforcementTest {
    private static final int EVENTS = 60;

    @Test
    void noEventIsLostOrDuplicatedAcrossARestart(@TempDir Path dir) throws Exception {
        KafkaTestBroker broker = KafkaTestBroker.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        EnforcementConfig config = EnforcementConfig.defaults(dir).withBcryptCost(4);
        config = new EnforcementConfig(config.dbUrl(), config.dbUser(), config.dbPassword(), config.claimTtl(),
                config.confirmationDays(), config.lowConfidenceThreshold(), config.reasonCodes(), config.articles(),
                config.tokenTtl(), config.referencePrefix(), config.maxBodyBytes(), "pantau.violations." + suffix,
                "etle.tickets." + suffix, "enforcement", Duration.ofMillis(100), 4);
        KafkaBusConfig busConfig = KafkaBusConfig.of(broker.bootstrapServers(), "enforcement-test")
                .withPartitions(3).withRetryPause(Duration.ofMillis(100));

        List<JsonNode> ticketEvents = new CopyOnWriteArrayList<>();
        try (KafkaEventBus serviceBus = new KafkaEventBus(busConfig, new SimpleMeterRegistry());
             KafkaEventBus cameras = new KafkaEventBus(busConfig, new SimpleMeterRegistry());
             KafkaEventBus downstream = new KafkaEventBus(busConfig, new SimpleMeterRegistry());
             EventBus.Subscription ignored = downstream.subscribe(config.ticketsTopic(), "payments",
                     r -> ticketEvents.add(Json.mapper().readTree(r.value())));
             ServiceHarness h = new ServiceHarness(config, serviceBus, dir, Clock.systemUTC())) {
            String police = h.user("polisi.kafka", "police");

            // the analytics stage keeps publishing while the service restarts
            List<String> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(h.event("cam-" + (i % 3), 5000 + i, "BH " + (1000 + i) + " KF", 0.95));
            }
            Thread publisher = Thread.ofVirtual().start(() -> {
                for (String e : events) {
                    h.publish(e); // keyed by camera
                    sleep(25);
                }
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> cases(h) >= 10);
            List<Long> firstHalf = approveSome(h, police, 5);
            h.stop();
            sleep(500);
            h.start();
            publisher.join();
            await().atMost(Duration.ofSeconds(60)).until(() -> cases(h) == EVENTS);
            List<Long> secondHalf = approveSome(h, police, 5);

            await().atMost(Duration.ofSeconds(30)).until(() -> ticketEvents.size() >= 10);
            sleep(1000); // a duplicate would arrive within this time
            Set<Long> ticketIds = new HashSet<>();
            for (JsonNode t : ticketEvents) {
                ticketIds.add(t.get("ticket_id").asLong());
            }
            assertThat(ticketEvents).as("ticket events on the topic").hasSize(10);
            assertThat(ticketIds).hasSize(10);
            assertThat(count(h, "SELECT COUNT(*) FROM tickets")).isEqualTo(10);
            assertThat(count(h, "SELECT COUNT(DISTINCT event_id) FROM violations")).isEqualTo(EVENTS);
            assertThat(count(h, "SELECT COUNT(*) FROM violations")).isEqualTo(EVENTS);
            assertThat(count(h, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")).isZero();
            assertThat(firstHalf).doesNotContainAnyElementsOf(secondHalf);
        }
    }

    private static List<Long> approveSome(ServiceHarness h, String police, int n) {
        Http http = h.http();
        List<Long> approved = new ArrayList<>();
        for (JsonNode c : http.get("/api/violations?status=pending&limit=" + n, police).json().get("items")) {
            long id = c.get("id").asLong();
            assertThat(http.post("/api/violations/" + id + "/claim", police, null).status()).isEqualTo(200);
            Http.Response r = http.post("/api/violations/" + id + "/approve", police, null);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            approved.add(id);
        }
        assertThat(approved).hasSize(n);
        return approved;
    }

    private static long cases(ServiceHarness h) {
        return count(h, "SELECT COUNT(*) FROM violations");
    }

    private static long count(ServiceHarness h, String sql) {
        try (Connection c = h.service().services().db().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            c.rollback();
            return n;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
