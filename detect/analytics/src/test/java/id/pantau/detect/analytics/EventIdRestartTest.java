package id.pantau.detect.analytics;

import id.pantau.core.event.EventCodec;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalChange;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Drive;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ids across a node restart. After a restart the frame index and the tracker's ids start again at 0, so a
 * new violation by "track 0 at frame 130" must not get the id of the one stored before the restart (enforcement
 * drops an id it has seen as a duplicate delivery). The same event, encoded and delivered again, keeps its id.
 */
class EventIdRestartTest {

    /** One run of a node: green, amber at 5 s, red at 8 s; motorcycle track 0 crosses the counting line and the stop line on red. */
    private static Scenario run(Instant start) {
        Scenario s = new Scenario(start, n -> {
        }).signal(0, SignalState.GREEN).signal(5, SignalState.AMBER).signal(8, SignalState.RED);
        s.idleUntil(9);
        Drive d = new Drive().add(new Vehicle(0, RoadUserClass.MOTORCYCLE), 12, new Point(700, 700),
                new Point(700, 100));
        while (s.now() < 14) {
            s.frame(d.step());
        }
        return s;
    }

    @Test
    void aRestartedNodeGivesItsNewEventsNewIdsAndRedeliveryKeepsThem() {
        Scenario before = run(Scenario.T0);
        // the node restarts ten minutes later: frame numbers and track ids start again at 0
        Scenario after = run(Scenario.T0.plus(Duration.ofMinutes(10)));
        RedLightViolation v1 = before.events(RedLightViolation.class).getFirst();
        RedLightViolation v2 = after.events(RedLightViolation.class).getFirst();
        System.out.printf("restart: violation ids %s (frame %d, track %d) and %s (frame %d, track %d)%n",
                v1.eventId(), v1.frames().at(), v1.trackId(), v2.eventId(), v2.frames().at(), v2.trackId());
        // the precondition of the collision: same track and crossing frame in both runs
        assertThat(v2.trackId()).isEqualTo(v1.trackId());
        assertThat(v2.frames().at()).isEqualTo(v1.frames().at());
        assertThat(v2.eventId()).isNotEqualTo(v1.eventId());

        // every event of both runs has an id of its own (line crossings, signal changes, violations)
        List<PipelineEvent> all = new java.util.ArrayList<>(before.events());
        all.addAll(after.events());
        assertThat(before.events(LineCrossing.class)).isNotEmpty();
        assertThat(before.events(SignalChange.class)).hasSize(3);
        Set<String> ids = new HashSet<>();
        for (PipelineEvent e : all) {
            assertThat(ids.add(e.eventId())).as("id %s of %s is unique", e.eventId(), e.type()).isTrue();
        }
        System.out.printf("restart: %d events over both runs, %d distinct ids%n", all.size(), ids.size());

        // redelivery: the same event encoded and decoded again (a Kafka redelivery) keeps its id
        EventCodec codec = new EventCodec();
        for (PipelineEvent e : before.events()) {
            PipelineEvent again = codec.decode(codec.encode(codec.decode(codec.encode(e))));
            assertThat(again.eventId()).isEqualTo(e.eventId());
            assertThat(again).isEqualTo(e);
        }
        // and the id follows from the event's content: the same frames analysed again give the same ids
        Scenario replay = run(Scenario.T0);
        assertThat(replay.events().stream().map(PipelineEvent::eventId).toList())
                .isEqualTo(before.events().stream().map(PipelineEvent::eventId).toList());
        assertThat(v1.eventId()).isEqualTo(RedLightViolation.eventId("test-cam", "north", v1.trackId(),
                v1.time().toInstant()));
    }
}
