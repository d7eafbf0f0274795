package id.pantau.detect.analytics;

import id.pantau.core.perception.Riders;

import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Drive;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Riders: a COCO detector reports a motorcycle's rider as a person, often better than the machine. A rider and
 * the bike under it are one violator; a rider seen only as a person is still a two-wheeler; a pedestrian is not.
 * Scenario scale: 0.05 m per pixel at 10 fps, so 1 px per frame is 1.8 km/h.
 */
class RiderViolationTest {
    private static Scenario redFromEightSeconds() {
        Scenario s = new Scenario().signal(0, SignalState.GREEN).signal(5, SignalState.AMBER)
                .signal(8, SignalState.RED);
        s.idleUntil(10.0);
        return s;
    }

    private static Scenario drive(Scenario s, Drive d, double until) {
        while (s.now() < until) {
            s.frame(d.step());
        }
        return s;
    }

    @Test
    void aRiderAndTheMotorcycleUnderItAreOneViolation() {
        Scenario s = drive(redFromEightSeconds(), new Drive()
                .add(new Vehicle(31, RoadUserClass.MOTORCYCLE), 12, new Point(700, 450), new Point(700, 100))
                .add(new Vehicle(32, RoadUserClass.PERSON), 12, new Point(700, 450), new Point(700, 100)), 13);
        assertThat(s.events(RedLightViolation.class)).singleElement()
                .satisfies(v -> assertThat(v.roadUserClass()).isEqualTo("motorcycle"));
    }

    @Test
    void aRiderSeenOnlyAsAPersonIsAMotorcycleViolator() {
        Scenario s = drive(redFromEightSeconds(), new Drive()
                .add(new Vehicle(33, RoadUserClass.PERSON), 12, new Point(700, 450), new Point(700, 100)), 13);
        assertThat(s.events(RedLightViolation.class)).singleElement()
                .satisfies(v -> assertThat(v.roadUserClass()).isEqualTo("motorcycle"));
    }

    @Test
    void twoMotorcyclesInAQueueOverlappingInThePictureAreTwoViolations() {
        Scenario s = drive(redFromEightSeconds(), new Drive()
                .add(new Vehicle(35, RoadUserClass.MOTORCYCLE), 12, new Point(700, 450), new Point(700, 100))
                .add(new Vehicle(36, RoadUserClass.MOTORCYCLE), 12, new Point(705, 475), new Point(705, 100)), 13);
        assertThat(s.events(RedLightViolation.class)).extracting(RedLightViolation::trackId)
                .containsExactlyInAnyOrder(35L, 36L);
    }

    @Test
    void aPedestrianWalkingOverTheLineOnRedIsNoViolation() {
        // 2 px per frame = 3.6 km/h, well over violation_distance_m past the line while red
        Scenario s = drive(redFromEightSeconds(), new Drive()
                .add(new Vehicle(34, RoadUserClass.PERSON), 2, new Point(700, 430), new Point(700, 300)), 16);
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }
}
