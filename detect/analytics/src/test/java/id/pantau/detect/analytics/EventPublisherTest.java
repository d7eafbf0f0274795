package id.pantau.detect.analytics;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Drive;
import id.pantau.detect.analytics.Scenario.Vehicle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Engine output published on the in-process bus: everything on pantau.events, violations also on pantau.violations. */
class EventPublisherTest {

    @Test
    void eventsGoToTheEventsTopicAndViolationsAlsoToTheViolationsTopicKeyedByCamera() throws Exception {
        Scenario s = new Scenario().signal(0, SignalState.GREEN).signal(5, SignalState.AMBER)
                .signal(8, SignalState.RED);
        s.idleUntil(9);
        Drive d = new Drive().add(new Vehicle(3, RoadUserClass.CAR), 12, new Point(700, 700), new Point(700, 100));
        while (s.now() < 14) {
            s.frame(d.step());
        }
        List<PipelineEvent> produced = s.events();
        assertThat(produced).hasAtLeastOneElementOfType(RedLightViolation.class);

        List<BusRecord> events = new CopyOnWriteArrayList<>();
        List<BusRecord> violations = new CopyOnWriteArrayList<>();
        try (InProcessEventBus bus = new InProcessEventBus()) {
            bus.subscribe(EventPublisher.EVENTS_TOPIC, "test", events::add);
            bus.subscribe(EventPublisher.VIOLATIONS_TOPIC, "enforcement", violations::add);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new EventPublisher(bus, registry).publish(produced).toCompletableFuture().get();
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == produced.size()
                    && violations.size() == 1);
            assertThat(registry.counter("pantau.events.published", "topic", EventPublisher.VIOLATIONS_TOPIC,
                    "type", RedLightViolation.TYPE).count()).isEqualTo(1.0);
        }
        EventCodec codec = new EventCodec();
        assertThat(events).allMatch(r -> r.key().equals("test-cam"));
        assertThat(events.stream().map(r -> codec.decode(r.value())).toList()).isEqualTo(produced);
        RedLightViolation v = (RedLightViolation) codec.decode(violations.getFirst().value());
        assertThat(v.eventId()).isEqualTo("test-cam:north:3:"
                + Scenario.at(v.frames().at() / Scenario.FPS).toEpochMilli());
    }
}
