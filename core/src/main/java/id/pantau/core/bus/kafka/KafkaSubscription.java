package id.pantau.core.bus.kafka;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One consumer-group member on its own thread. Offsets are committed only after the handler returned, per
 * partition, so a crash or a throwing handler means the record comes again (at-least-once). After a failure
 * the partition is rewound to the failed record and the other partitions carry on.
 */
final class KafkaSubscription implements EventBus.Subscription {
    private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);

    private final KafkaBusConfig config;
    private final String topic;
    private final String group;
    private final EventBus.RecordHandler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Counter consumed;
    private final Counter failed;
    private volatile boolean running = true;

    KafkaSubscription(KafkaBusConfig config, String topic, String group, EventBus.RecordHandler handler,
                      MeterRegistry registry) {
        this.config = config;
        this.topic = topic;
        this.group = group;
        this.handler = handler;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + group + "-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.consumed = Counter.builder("pantau.bus.kafka.consumed").tag("topic", topic).tag("group", group).register(registry);
        this.failed = Counter.builder("pantau.bus.kafka.handler.failures").tag("topic", topic).tag("group", group).register(registry);
        this.thread = Thread.ofPlatform().daemon().name("kafka-" + topic + "-" + group).unstarted(this::run);
    }

    void start() {
        consumer.subscribe(List.of(topic));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    boolean anyFailed = false;
                    for (TopicPartition tp : records.partitions()) {
                        anyFailed |= !deliver(tp, records.records(tp));
                    }
                    if (anyFailed && running) {
                        Thread.sleep(config.retryPause());
                    }
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    // e.g. a commit refused during a rebalance: records not committed come again, so carry on
                    log.warn("consumer of group {} on topic {} at {} hit {}, continuing in {} ms", group, topic,
                            config.bootstrapServers(), e.toString(), config.retryPause().toMillis());
                    Thread.sleep(config.retryPause());
                }
            }
        } catch (WakeupException | InterruptedException | InterruptException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("consumer of group {} on topic {} at {} stopped: {}", group, topic, config.bootstrapServers(), e.toString(), e);
        } finally {
            consumer.close(CloseOptions.timeout(config.timeout()));
        }
    }

    /** Hands one partition's records to the handler in order; returns false if one failed (partition rewound). */
    private boolean deliver(TopicPartition tp, List<ConsumerRecord<String, byte[]>> batch) {
        long next = -1;
        try {
            for (ConsumerRecord<String, byte[]> r : batch) {
                if (!running) {
                    break;
                }
                try {
                    handler.handle(new BusRecord(r.topic(), r.key(), r.value(), Instant.ofEpochMilli(r.timestamp())));
                } catch (Exception e) {
                    failed.increment();
                    log.warn("handler of group {} failed on {} partition {} offset {} key={}, redelivering in {} ms: {}",
                            group, topic, tp.partition(), r.offset(), r.key(), config.retryPause().toMillis(), e.toString());
                    consumer.seek(tp, r.offset());
                    return false;
                }
                consumed.increment();
                next = r.offset() + 1;
            }
            return true;
        } finally {
            if (next >= 0) {
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(config.timeout().toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
