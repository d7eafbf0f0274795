package id.pantau.core.bus.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Kafka bus connects and how it behaves when the broker is slow or gone.
 *
 * @param bootstrapServers  host:port list of the brokers, e.g. {@code 127.0.0.1:9092}
 * @param clientId          prefix of the producer/consumer client ids (shows up in broker logs and metrics)
 * @param partitions        partitions of topics this bus creates; more partitions = more consumers per group
 * @param replicationFactor replication of topics this bus creates (1 for a single broker)
 * @param timeout           the longest a publish, a topic creation or a close waits on the broker before it
 *                          fails with an error naming the bootstrap servers (never hang forever)
 * @param retryPause        pause before a record whose handler threw is delivered again
 */
public record KafkaBusConfig(String bootstrapServers, String clientId, int partitions, short replicationFactor,
                             Duration timeout, Duration retryPause) {

    public KafkaBusConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one host:port, e.g. 127.0.0.1:9092");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryPause, "retryPause");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Single-broker defaults: 3 partitions, replication 1, 10 s timeout, 500 ms retry pause. */
    public static KafkaBusConfig of(String bootstrapServers, String clientId) {
        return new KafkaBusConfig(bootstrapServers, clientId, 3, (short) 1, Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    public KafkaBusConfig withPartitions(int p) {
        return new KafkaBusConfig(bootstrapServers, clientId, p, replicationFactor, timeout, retryPause);
    }

    public KafkaBusConfig withTimeout(Duration t) {
        return new KafkaBusConfig(bootstrapServers, clientId, partitions, replicationFactor, t, retryPause);
    }

    public KafkaBusConfig withRetryPause(Duration p) {
        return new KafkaBusConfig(bootstrapServers, clientId, partitions, replicationFactor, timeout, p);
    }
}
