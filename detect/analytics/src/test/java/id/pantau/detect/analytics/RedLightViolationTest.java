package id.pantau.detect.analytics;

import id.pantau.core.event.AlertState;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalFault;
import id.pantau.core.event.SignalFaultKind;
import id.pantau.core.event.SignalState;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Drive;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Red-light logic on constructed timelines. Signal: green from 0 s, amber at 5 s, red at 8 s (so amber lasted
 * 3 s). Stop line at y = 400, traffic drives up; 20 px = 1 m; 10 frames/s.
 */
class RedLightViolationTest {

    private static Scenario standardCycle() {
        return new Scenario().signal(0, SignalState.GREEN).signal(5, SignalState.AMBER).signal(8, SignalState.RED);
    }

    /** Runs the scenario until {@code seconds} with a car in the main lane crossing the stop line at about crossAt. */
    private static Scenario straightThrough(Scenario s, double crossAt, double pxPerFrame, double until) {
        // start so that the ground point reaches y = 400 at crossAt: (start - 400) / pxPerFrame frames before
        double framesToLine = 10;
        s.idleUntil(crossAt - framesToLine / Scenario.FPS);
        // each step moves first, so start one step further back
        Drive d = new Drive().add(new Vehicle(17, RoadUserClass.MOTORCYCLE), pxPerFrame,
                new Point(700, 400 + (framesToLine + 1) * pxPerFrame - 0.01), new Point(700, 0));
        while (s.now() < until) {
            s.frame(d.step());
        }
        return s;
    }

    @Test
    void crossingOnGreenBeforeRedIsNoViolation() {
        Scenario s = straightThrough(standardCycle(), 4.0, 13, 12);
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }

    @Test
    void crossingOnAmberIsNoViolation() {
        Scenario s = straightThrough(standardCycle(), 7.0, 13, 12);
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }

    @Test
    void crossingInsideTheGraceTimeIsNoViolation() {
        Scenario s = straightThrough(standardCycle(), 8.2, 13, 12);   // 0.2 s into red < 0.3 s grace
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }

    @Test
    void crossingOnRedAfterTheGraceTimeIsAViolationWithItsEvidenceFields() {
        Scenario s = straightThrough(standardCycle(), 9.0, 13, 12);
        assertThat(s.events(RedLightViolation.class)).singleElement().satisfies(v -> {
            // camera, approach, track and the capture time (ms) of the crossing frame
            assertThat(v.eventId()).isEqualTo("test-cam:north:17:"
                    + Scenario.at(v.frames().at() / Scenario.FPS).toEpochMilli());
            assertThat(v.approach()).isEqualTo("north");
            assertThat(v.trackId()).isEqualTo(17);
            assertThat(v.roadUserClass()).isEqualTo("motorcycle");
            assertThat(v.signalState()).isEqualTo(SignalState.RED);
            assertThat(v.timeIntoRedS()).isCloseTo(1.0, within(0.11));
            assertThat(v.amberDurationS()).isEqualTo(3.0);
            // 13 px/frame at 10 fps and 20 px/m = 6.5 m/s = 23.4 km/h
            assertThat(v.speedKmh()).isCloseTo(23.4, within(1.0));
            assertThat(v.frames().at()).isEqualTo(90);
            assertThat(v.frames().before()).isEqualTo(89);
            // 2 m = 40 px beyond the crossing point at 13 px/frame: 4 frames later
            assertThat(v.frames().after()).isBetween(93L, 94L);
            assertThat(v.configVersion()).isEqualTo(1);
            assertThat(v.location()).isEqualTo("Simpang Kawat, Kota Jambi");
            assertThat(v.time().getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
        });
    }

    @Test
    void stoppingJustOverTheLineIsNoViolationEvenWhenItMovesOnAtGreen() {
        Scenario s = standardCycle();
        s.idleUntil(9.0);
        Vehicle car = new Vehicle(5, RoadUserClass.CAR);
        Drive creep = new Drive().add(car, 10, new Point(700, 430), new Point(700, 410), new Point(700, 380));
        while (s.now() < 20) {
            s.frame(creep.step());     // crosses at ~9.3 s, stops 1 m over the line
        }
        s.signal(20, SignalState.GREEN);
        Drive away = new Drive().add(car, 10, new Point(700, 380), new Point(700, 100));
        while (s.now() < 25) {
            s.frame(away.step());
        }
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }

    @Test
    void exemptLeftTurnLaneIsNotAViolation() {
        Scenario s = standardCycle();
        s.idleUntil(9.0);
        Drive d = new Drive().add(new Vehicle(7, RoadUserClass.CAR), 12, new Point(350, 460), new Point(350, 300));
        while (s.now() < 12) {
            s.frame(d.step());
        }
        assertThat(s.events(RedLightViolation.class)).isEmpty();
    }

    @Test
    void exemptMovementFromAMixedLaneIsNotAViolationButGoingStraightIs() {
        Scenario s = standardCycle();
        s.idleUntil(9.0);
        Drive d = new Drive()
                .add(new Vehicle(8, RoadUserClass.CAR), 12, new Point(700, 440), new Point(700, 395),
                        new Point(600, 360), new Point(300, 340))          // turns left after the line
                .add(new Vehicle(9, RoadUserClass.CAR), 12, new Point(900, 440), new Point(900, 100));
        while (s.now() < 14) {
            s.frame(d.step());
        }
        assertThat(s.events(RedLightViolation.class)).extracting(RedLightViolation::trackId).containsExactly(9L);
    }

    @Test
    void twoVehiclesSideBySideAreTwoViolations() {
        Scenario s = standardCycle();
        s.idleUntil(10.0);
        Drive d = new Drive()
                .add(new Vehicle(21, RoadUserClass.MOTORCYCLE), 12, new Point(640, 450), new Point(640, 100))
                .add(new Vehicle(22, RoadUserClass.MOTORCYCLE), 12, new Point(690, 450), new Point(690, 100));
        while (s.now() < 13) {
            s.frame(d.step());
        }
        assertThat(s.events(RedLightViolation.class)).extracting(RedLightViolation::trackId)
                .containsExactlyInAnyOrder(21L, 22L);
        assertThat(s.events(RedLightViolation.class)).extracting(RedLightViolation::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aTrackIsAViolatorOnlyOnceEvenIfItRecrossesTheLine() {
        Scenario s = standardCycle();
        s.idleUntil(9.0);
        Drive d = new Drive().add(new Vehicle(30, RoadUserClass.CAR), 12, new Point(800, 450), new Point(800, 300),
                new Point(800, 470), new Point(800, 200));                  // over, reverses back, over again
        while (s.now() < 16) {
            s.frame(d.step());
        }
        assertThat(s.events(RedLightViolation.class)).hasSize(1);
    }

    @Test
    void stuckSignalRaisesAFaultAndPausesEnforcementUntilItChanges() {
        Scenario s = new Scenario().signal(0, SignalState.RED);           // max_cycle_s = 120 in the scenario
        s.idleUntil(125);
        assertThat(s.events(SignalFault.class)).singleElement().satisfies(f -> {
            assertThat(f.fault()).isEqualTo(SignalFaultKind.STUCK);
            assertThat(f.state()).isEqualTo(AlertState.RAISED);
        });
        Drive d = new Drive().add(new Vehicle(40, RoadUserClass.CAR), 12, new Point(700, 440), new Point(700, 100));
        while (s.now() < 129) {
            s.frame(d.step());
        }
        assertThat(s.events(RedLightViolation.class)).as("no enforcement on a stuck head").isEmpty();
        s.signal(130, SignalState.GREEN).idleUntil(131);
        assertThat(s.events(SignalFault.class)).extracting(SignalFault::state)
                .containsExactly(AlertState.RAISED, AlertState.CLEARED);
    }

    @Test
    void darkSignalRaisesAFaultAndClearsWhenLampsReturn() {
        Scenario s = new Scenario().signal(0, SignalState.GREEN).signal(2, SignalState.DARK)
                .signal(20, SignalState.RED);
        s.idleUntil(10);
        assertThat(s.events(SignalFault.class)).singleElement().satisfies(f -> {
            assertThat(f.fault()).isEqualTo(SignalFaultKind.DARK);
            assertThat(f.state()).isEqualTo(AlertState.RAISED);
            // raised once the head had been dark for dark_fault_s (5 s)
            assertThat(f.time().toInstant()).isEqualTo(Scenario.at(7.0));
        });
        s.idleUntil(22);
        assertThat(s.events(SignalFault.class)).extracting(SignalFault::state)
                .containsExactly(AlertState.RAISED, AlertState.CLEARED);
    }
}
