package id.pantau.core.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as it crosses a stage boundary: a topic, a key that fixes its order (the camera id for
 * pipeline events, so each camera's events stay in order on a Kafka partition) and a JSON payload.
 */
public record BusRecord(String topic, String key, byte[] value, Instant timestamp) {
    public BusRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
