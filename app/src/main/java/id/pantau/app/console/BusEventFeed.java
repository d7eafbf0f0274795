package id.pantau.app.console;

import id.pantau.core.bus.EventBus;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The usual way for a {@link ConsoleBackend} to implement {@code subscribe}: decode the pipeline's events from a
 * bus topic ({@code pantau.events} carries every event, violations included). A record that does not decode is
 * logged, counted and skipped: the bus redelivers a record whose handler throws, and one bad record must not
 * stop the live view for good.
 */
public final class BusEventFeed {
    private static final Logger log = LoggerFactory.getLogger(BusEventFeed.class);
    private static final EventCodec CODEC = new EventCodec();

    private BusEventFeed() {
    }

    /**
     * @param group a consumer group of this console process alone (e.g. {@code "console-" + hostname}), so it sees
     *              every event rather than sharing them with other consumers
     */
    public static EventBus.Subscription subscribe(EventBus bus, String topic, String group,
                                                  Consumer<PipelineEvent> listener, MeterRegistry registry) {
        Counter undecodable = Counter.builder("pantau.console.events.undecodable")
                .description("bus records the console could not read as pipeline events").tag("topic", topic)
                .register(registry);
        return bus.subscribe(topic, group, record -> {
            PipelineEvent event;
            try {
                event = CODEC.decode(record.value());
            } catch (IllegalArgumentException e) {
                undecodable.increment();
                log.warn("console skipped a record on {} key={} that is not a pipeline event: {}", topic, record.key(),
                        e.getMessage());
                return;
            }
            listener.accept(event);
        });
    }
}
