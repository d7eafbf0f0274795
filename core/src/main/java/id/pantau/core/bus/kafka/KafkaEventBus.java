package id.pantau.core.bus.kafka;

import id.pantau.core.bus.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event bus on Kafka: an idempotent producer with acks=all (a record the bus accepted survives a broker
 * restart and is never written twice by producer retries), keyed by camera id so each camera's events stay in
 * order on one partition; each subscription is a consumer-group member that commits only after its handler
 * succeeded. Every broker wait is bounded by {@link KafkaBusConfig#timeout()}, so an unreachable broker is an
 * error naming the bootstrap servers, not a hang.
 */
public final class KafkaEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);

    private final KafkaBusConfig config;
    private final MeterRegistry registry;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicCreator topics;
    private final List<KafkaSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Counter published;
    private final Counter publishFailures;
    private volatile boolean closed;

    public KafkaEventBus(KafkaBusConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        long timeoutMs = config.timeout().toMillis();
        int lingerMs = 5;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-producer",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                // delivery.timeout.ms must be >= linger.ms + request.timeout.ms
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs + lingerMs),
                new StringSerializer(), new ByteArraySerializer());
        this.topics = new TopicCreator(config);
        this.published = Counter.builder("pantau.bus.kafka.published").register(registry);
        this.publishFailures = Counter.builder("pantau.bus.kafka.publish.failures").register(registry);
    }

    public KafkaBusConfig config() {
        return config;
    }

    /**
     * Sends in the caller's thread (so calls from one thread keep their order) and completes when the broker
     * acknowledged the record on all in-sync replicas. Fails with a {@link KafkaBusException} naming the
     * bootstrap servers when the broker cannot be reached within the configured timeout.
     */
    @Override
    public CompletionStage<Void> publish(String topic, String key, byte[] value) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("event bus is closed"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            topics.ensure(topic);
            producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> {
                if (error == null) {
                    published.increment();
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure(topic, key, error));
                }
            });
        } catch (KafkaBusException e) {
            publishFailures.increment();
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            done.completeExceptionally(failure(topic, key, e));
        }
        return done;
    }

    private KafkaBusException failure(String topic, String key, Throwable error) {
        publishFailures.increment();
        log.warn("publish to {} key={} failed on Kafka at {}: {}", topic, key, config.bootstrapServers(), error.toString());
        return new KafkaBusException("Kafka at " + config.bootstrapServers() + " did not accept the record for topic '"
                + topic + "' (key " + key + ") within " + config.timeout().toMillis()
                + " ms: check that the broker is running and reachable (" + error + ")", error);
    }

    @Override
    public Subscription subscribe(String topic, String group, RecordHandler handler) {
        if (closed) {
            throw new IllegalStateException("event bus is closed");
        }
        topics.ensure(topic);
        KafkaSubscription s = new KafkaSubscription(config, topic, group, handler, registry);
        subscriptions.add(s);
        s.start();
        log.info("subscribed group {} to topic {} on Kafka at {}", group, topic, config.bootstrapServers());
        return () -> {
            subscriptions.remove(s);
            s.close();
        };
    }

    /** Stops the consumers (their processed records are committed) and flushes the producer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(KafkaSubscription::close);
        subscriptions.clear();
        producer.close(config.timeout());
        topics.close();
    }
}
