package id.pantau.detect.analytics;

import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalChange;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Drive;
import id.pantau.detect.analytics.Scenario.Vehicle;
import id.pantau.detect.analytics.signal.ControllerPhaseFeed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Controller phase changes arriving over the bus drive the signal and hence red-light enforcement. */
class ControllerPhaseFeedTest {

    private static byte[] phase(String state, double seconds) {
        return ("{\"camera\":\"test-cam\",\"controller_group\":\"g1\",\"state\":\"" + state + "\",\"time\":\""
                + Scenario.at(seconds).atOffset(ZoneOffset.ofHours(7)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void phasesFromTheBusReachTheEngineAndBadMessagesAreDroppedNotRetried() {
        Scenario s = new Scenario();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (InProcessEventBus bus = new InProcessEventBus();
             ControllerPhaseFeed feed = new ControllerPhaseFeed(bus, "analytics", registry)) {
            feed.register(s.engine);
            bus.publish(ControllerPhaseFeed.TOPIC, "test-cam", "{\"camera\":\"test-cam\",\"state\":\"purple\"}"
                    .getBytes(StandardCharsets.UTF_8));
            bus.publish(ControllerPhaseFeed.TOPIC, "test-cam", phase("green", 0));
            bus.publish(ControllerPhaseFeed.TOPIC, "test-cam", phase("amber", 5));
            bus.publish(ControllerPhaseFeed.TOPIC, "test-cam", phase("red", 8));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    registry.counter("pantau.signal.phases.received", "camera", "test-cam").count() == 3);
            assertThat(registry.counter("pantau.signal.phases.rejected").count()).isEqualTo(1);
        }
        s.idleUntil(9);
        Drive d = new Drive().add(new Vehicle(3, RoadUserClass.CAR), 12, new Point(700, 500), new Point(700, 100));
        while (s.now() < 13) {
            s.frame(d.step());
        }
        assertThat(s.events(SignalChange.class)).extracting(SignalChange::state)
                .containsExactly(SignalState.GREEN, SignalState.AMBER, SignalState.RED);
        assertThat(s.events(SignalChange.class)).allMatch(c -> c.source().equals("controller"));
        assertThat(s.events(RedLightViolation.class)).singleElement()
                .satisfies(v -> assertThat(v.amberDurationS()).isEqualTo(3.0));
    }
}
