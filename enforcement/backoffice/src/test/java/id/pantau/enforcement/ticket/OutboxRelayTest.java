package id.pantau.enforcement.ticket;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaEventBus;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ticket events wait in the outbox while the bus is down and go out once, in order, when it is back. */
class OutboxRelayTest {

    @Test
    void eventsWaitForAnUnreachableBusAndAreSentOnceWhenItIsBack(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Database db = new Database(EnforcementConfig.defaults(dir))) {
            db.inTransaction(c -> {
                for (int i = 1; i <= 3; i++) {
                    Outbox.add(c, "etle.tickets", "ETLE-JMB-2026-00000" + i, "{\"ticket_id\":" + i + "}", Instant.now());
                }
                return null;
            });
            try (KafkaEventBus down = new KafkaEventBus(KafkaBusConfig.of("127.0.0.1:" + closedPort, "relay-test")
                    .withTimeout(Duration.ofSeconds(1)), new SimpleMeterRegistry());
                 OutboxRelay relay = new OutboxRelay(db, down, Clock.systemUTC(), Duration.ofMillis(50), new SimpleMeterRegistry())) {
                assertThat(relay.relayOnce()).isZero();
                assertThat(relay.pending()).isEqualTo(3);
            }
            List<BusRecord> received = new CopyOnWriteArrayList<>();
            try (InProcessEventBus up = new InProcessEventBus()) {
                up.subscribe("etle.tickets", "payments", received::add);
                try (OutboxRelay relay = new OutboxRelay(db, up, Clock.systemUTC(), Duration.ofMillis(50), new SimpleMeterRegistry())) {
                    relay.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
                    Thread.sleep(300); // several more relay rounds: nothing is sent twice
                    assertThat(relay.pending()).isZero();
                }
            }
            assertThat(received).extracting(BusRecord::key)
                    .containsExactly("ETLE-JMB-2026-000001", "ETLE-JMB-2026-000002", "ETLE-JMB-2026-000003");
            assertThat(new String(received.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"ticket_id\":1}");
        }
    }
}
