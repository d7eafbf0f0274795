package id.pantau.core.bus.kafka;

/** The Kafka bus could not do what was asked; the message names the brokers and what to check. */
public final class KafkaBusException extends RuntimeException {
    public KafkaBusException(String message, Throwable cause) {
        super(message, cause);
    }
}
