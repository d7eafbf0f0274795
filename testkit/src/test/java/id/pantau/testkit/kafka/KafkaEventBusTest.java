package id.pantau.testkit.kafka;

import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaBusException;
import id.pantau.core.bus.kafka.KafkaEventBus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Kafka event bus against a real in-JVM KRaft broker on 127.0.0.1. */
@KafkaBroker
@SuppressWarnings("try") // subscriptions are held open by try-with-resources without being referenced
class KafkaEventBusTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KafkaEventBus bus;
    private String topic;

    @BeforeEach
    void setUp(KafkaTestBroker broker) {
        bus = new KafkaEventBus(KafkaBusConfig.of(broker.bootstrapServers(), "bus-test")
                .withPartitions(4).withRetryPause(Duration.ofMillis(100)), registry);
        topic = "test-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void eachKeysRecordsArriveInPublishOrder() {
        List<String> cameras = List.of("cam-a", "cam-b", "cam-c");
        for (int i = 0; i < 40; i++) {
            for (String cam : cameras) {
                bus.publish(topic, cam, utf8(cam + ":" + i));
            }
        }
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        try (EventBus.Subscription ignored = bus.subscribe(topic, "order", r ->
                seen.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(text(r.value()).split(":")[1])))) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cameras.stream().allMatch(c -> seen.getOrDefault(c, List.of()).size() == 40));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add(i);
        }
        cameras.forEach(c -> assertThat(seen.get(c)).as("order of %s", c).isEqualTo(expected));
    }

    @Test
    void membersOfOneGroupShareTheRecordsAndAnotherGroupSeesAll() {
        Set<String> memberA = ConcurrentHashMap.newKeySet();
        Set<String> memberB = ConcurrentHashMap.newKeySet();
        Set<String> otherGroup = ConcurrentHashMap.newKeySet();
        Set<String> sent = new java.util.HashSet<>();
        try (EventBus.Subscription a = bus.subscribe(topic, "shared", r -> memberA.add(text(r.value())));
             EventBus.Subscription b = bus.subscribe(topic, "shared", r -> memberB.add(text(r.value())));
             EventBus.Subscription o = bus.subscribe(topic, "audit", r -> otherGroup.add(text(r.value())))) {
            // keep publishing until the rebalance has given both members partitions
            int round = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((memberA.isEmpty() || memberB.isEmpty()) && System.nanoTime() < deadline) {
                for (int cam = 0; cam < 16; cam++) {
                    String v = "cam-" + cam + ":" + round;
                    bus.publish(topic, "cam-" + cam, utf8(v)).toCompletableFuture().join();
                    sent.add(v);
                }
                round++;
                sleep(200);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> union(memberA, memberB).containsAll(sent)
                    && otherGroup.containsAll(sent));
        }
        assertThat(memberA).as("member A got a share").isNotEmpty();
        assertThat(memberB).as("member B got a share").isNotEmpty();
        assertThat(union(memberA, memberB)).isEqualTo(sent);
        assertThat(otherGroup).as("a second group sees every record").isEqualTo(sent);
    }

    @Test
    void aRecordWhoseHandlerFailedIsDeliveredAgainBeforeTheNextOne() {
        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        for (String v : List.of("a", "b", "c")) {
            bus.publish(topic, "cam-1", utf8(v)).toCompletableFuture().join();
        }
        try (EventBus.Subscription ignored = bus.subscribe(topic, "retry", r -> {
            String v = text(r.value());
            attempts.add(v);
            if (v.equals("b") && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("database briefly unavailable");
            }
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.contains("c"));
        }
        assertThat(attempts).containsExactly("a", "b", "b", "c");
        assertThat(registry.counter("pantau.bus.kafka.handler.failures", "topic", topic, "group", "retry").count())
                .isEqualTo(1.0);
    }

    @Test
    void aNewMemberResumesAfterTheLastCommittedRecord() {
        List<String> first = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            bus.publish(topic, "cam-1", utf8("early-" + i)).toCompletableFuture().join();
        }
        try (EventBus.Subscription ignored = bus.subscribe(topic, "resume", r -> first.add(text(r.value())))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.size() == 5);
        }
        for (int i = 0; i < 3; i++) {
            bus.publish(topic, "cam-1", utf8("late-" + i)).toCompletableFuture().join();
        }
        List<String> second = new CopyOnWriteArrayList<>();
        try (EventBus.Subscription ignored = bus.subscribe(topic, "resume", r -> second.add(text(r.value())))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.size() >= 3);
            sleep(500); // anything committed earlier would have arrived by now
        }
        assertThat(second).containsExactly("late-0", "late-1", "late-2");
    }

    @Test
    void anUnreachableBrokerFailsThePublishWithinTheTimeoutNamingTheServers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closedPort;
        try (KafkaEventBus dead = new KafkaEventBus(KafkaBusConfig.of(bootstrap, "dead")
                .withTimeout(Duration.ofSeconds(2)), new SimpleMeterRegistry())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> dead.publish("pantau.violations", "cam-1", utf8("{}")).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(KafkaBusException.class)
                    .hasMessageContaining(bootstrap)
                    .hasMessageContaining("check that the broker is running");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("publish must give up, not hang").isLessThan(15_000);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
