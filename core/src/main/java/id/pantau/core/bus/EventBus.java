package id.pantau.core.bus;

import java.util.concurrent.CompletionStage;

/**
 * The boundary between stages that may run on different machines. In-process by default
 * ({@link InProcessEventBus}); Kafka when configured. Delivery is at-least-once in both: a handler
 * that throws gets the record again, so consumers must be idempotent (they key on event ids).
 */
public interface EventBus extends AutoCloseable {

    /** Publishes a record; the stage completes when the bus has durably accepted it. */
    CompletionStage<Void> publish(String topic, String key, byte[] value);

    /**
     * Subscribes a handler to a topic as a member of a consumer group: every group sees every record once
     * (at least once), members of one group share the records (by key on Kafka).
     */
    Subscription subscribe(String topic, String group, RecordHandler handler);

    @Override
    void close();

    @FunctionalInterface
    interface RecordHandler {
        void handle(BusRecord record) throws Exception;
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
