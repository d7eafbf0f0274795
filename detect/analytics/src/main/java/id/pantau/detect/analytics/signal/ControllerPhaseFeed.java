package id.pantau.detect.analytics.signal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.event.SignalState;
import id.pantau.core.json.Json;
import id.pantau.detect.analytics.AnalyticsEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds phase changes reported by signal controllers (ATCS) to the cameras' analytics. Controllers (or the
 * gateway in front of them) publish one JSON message per phase change on {@value #TOPIC}, keyed by camera:
 * <pre>{"camera": "simpang-kawat-1", "controller_group": "SG2", "state": "red",
 *  "time": "2026-11-23T10:00:00.000+07:00"}</pre>
 * A malformed message is logged and counted, never retried: redelivering it would block every later phase.
 */
public final class ControllerPhaseFeed implements AutoCloseable {
    public static final String TOPIC = "pantau.signal.phases";
    private static final Logger log = LoggerFactory.getLogger(ControllerPhaseFeed.class);

    /** The message a controller gateway publishes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PhaseMessage(String camera, String controllerGroup, SignalState state, OffsetDateTime time) {
    }

    private final Map<String, AnalyticsEngine> engines = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final EventBus.Subscription subscription;

    /** Subscribes at once, as consumer group {@code group} (e.g. "analytics"). */
    public ControllerPhaseFeed(EventBus bus, String group, MeterRegistry registry) {
        this.registry = registry;
        this.subscription = bus.subscribe(TOPIC, group, this::handle);
    }

    /** Routes phases for this camera to its engine (call again after replacing an engine). */
    public void register(AnalyticsEngine engine) {
        engines.put(engine.config().camera(), engine);
    }

    public void unregister(String camera) {
        engines.remove(camera);
    }

    private void handle(BusRecord r) {
        PhaseMessage m;
        try {
            m = Json.mapper().readValue(r.value(), PhaseMessage.class);
            if (m.camera() == null || m.controllerGroup() == null || m.state() == null || m.time() == null) {
                throw new IOException("camera, controller_group, state and time are all required");
            }
        } catch (IOException | RuntimeException e) {
            registry.counter("pantau.signal.phases.rejected").increment();
            log.warn("controller phase message (key {}) dropped: {}; expected {\"camera\", \"controller_group\","
                    + " \"state\": red|amber|green|dark, \"time\": ISO-8601}", r.key(), e.getMessage());
            return;
        }
        AnalyticsEngine engine = engines.get(m.camera());
        if (engine == null) {
            registry.counter("pantau.signal.phases.unrouted").increment();
            log.debug("controller phase for camera {} which has no analytics here", m.camera());
            return;
        }
        engine.onControllerPhase(new ControllerPhase(m.controllerGroup(), m.state(), m.time().toInstant()));
        registry.counter("pantau.signal.phases.received", "camera", m.camera()).increment();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
