package id.pantau.detect.analytics;

import id.pantau.core.bus.EventBus;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends pipeline events to the bus: every event to {@value #EVENTS_TOPIC}, red-light violations also to
 * {@value #VIOLATIONS_TOPIC} (what enforcement consumes), keyed by camera id so a camera's events stay in order.
 */
public final class EventPublisher {
    public static final String EVENTS_TOPIC = "pantau.events";
    public static final String VIOLATIONS_TOPIC = "pantau.violations";
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final EventBus bus;
    private final EventCodec codec = new EventCodec();
    private final MeterRegistry registry;
    private final boolean violationsTopic;

    public EventPublisher(EventBus bus, MeterRegistry registry) {
        this(bus, registry, true);
    }

    /**
     * @param violationsTopic also send red-light violations to {@value #VIOLATIONS_TOPIC}; off when an evidence
     *                        stage consumes {@value #EVENTS_TOPIC} and publishes the violations with their evidence
     *                        there itself (two copies of one event id would race in the back office)
     */
    public EventPublisher(EventBus bus, MeterRegistry registry, boolean violationsTopic) {
        this.bus = bus;
        this.registry = registry;
        this.violationsTopic = violationsTopic;
    }

    /** Publishes the events in order; the stage completes when the bus has accepted all of them. */
    public CompletionStage<Void> publish(List<PipelineEvent> events) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (PipelineEvent e : events) {
            byte[] json = codec.encode(e);
            sent.add(send(EVENTS_TOPIC, e, json));
            if (violationsTopic && e instanceof RedLightViolation) {
                sent.add(send(VIOLATIONS_TOPIC, e, json));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(String topic, PipelineEvent e, byte[] json) {
        return bus.publish(topic, e.camera(), json).toCompletableFuture().whenComplete((ok, err) -> {
            if (err != null) {
                registry.counter("pantau.events.publish.failed", "topic", topic, "type", e.type()).increment();
                log.error("event {} ({}) not accepted by the bus on {}: {}", e.eventId(), e.type(), topic,
                        err.toString());
            } else {
                registry.counter("pantau.events.published", "topic", topic, "type", e.type()).increment();
            }
        });
    }
}
