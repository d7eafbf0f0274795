package id.pantau.detect.analytics;

import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting line is y = 600 from x 100 to 1180, "in" = up the picture; hysteresis band 6 px. */
class LineCountingTest {
    private final Random jitter = new Random(42);

    /** Feeds a track along a path of ground y values, with +-amp px of box jitter on x and y. */
    private void drive(Scenario s, Vehicle v, double x, double amp, double... ys) {
        for (double y : ys) {
            double jx = (jitter.nextDouble() * 2 - 1) * amp;
            double jy = (jitter.nextDouble() * 2 - 1) * amp;
            s.frame(List.of(v.at(x + jx, y + jy)));
        }
    }

    private static double[] ramp(double from, double to, int steps) {
        double[] out = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            out[i] = from + (to - from) * i / steps;
        }
        return out;
    }

    @Test
    void aJitteryTrackCrossingOnceCountsOnceInItsDirection() {
        Scenario s = new Scenario();
        drive(s, new Vehicle(1, RoadUserClass.CAR), 600, 4, ramp(680, 520, 40));
        assertThat(s.events(LineCrossing.class)).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(CrossingDirection.IN);
            assertThat(c.roadUserClass()).isEqualTo("car");
            assertThat(c.line()).isEqualTo("main");
            assertThat(c.trackId()).isEqualTo(1);
        });
    }

    @Test
    void aTrackThatOnlyTouchesTheLineIsNotCounted() {
        Scenario s = new Scenario();
        Vehicle v = new Vehicle(2, RoadUserClass.MOTORCYCLE);
        drive(s, v, 500, 1, ramp(680, 603, 20));
        drive(s, v, 500, 2, 601, 599, 603, 597, 600, 602, 598);   // wobbles on the line, inside the band
        drive(s, v, 500, 1, ramp(603, 690, 20));                  // and backs off
        assertThat(s.events(LineCrossing.class)).isEmpty();
    }

    @Test
    void aTrackCrossingBackAndForthCountsOncePerDirection() {
        Scenario s = new Scenario();
        Vehicle v = new Vehicle(3, RoadUserClass.MOTORCYCLE);
        drive(s, v, 700, 3, ramp(660, 540, 20));
        drive(s, v, 700, 3, ramp(540, 660, 20));
        drive(s, v, 700, 3, ramp(660, 540, 20));
        assertThat(s.events(LineCrossing.class)).extracting(LineCrossing::direction)
                .containsExactly(CrossingDirection.IN, CrossingDirection.OUT);
    }

    @Test
    void aRiderCrossingOnHisMotorcycleCountsAsOneMotorcycleNotAlsoAPedestrian() {
        Scenario s = new Scenario();
        Vehicle bike = new Vehicle(5, RoadUserClass.MOTORCYCLE);
        java.util.List<id.pantau.core.perception.Point> riderPath = new java.util.ArrayList<>();
        for (double y : ramp(680, 520, 30)) {
            // the rider's box: as wide as the bike, from above the handlebars down over the seat
            id.pantau.core.perception.BoundingBox riderBox = new id.pantau.core.perception.BoundingBox(390, y - 95, 410, y - 20);
            riderPath.add(riderBox.groundPoint());
            s.frame(List.of(bike.at(400, y), new id.pantau.core.perception.TrackedObject(6, RoadUserClass.PERSON, 0.9f,
                    riderBox, id.pantau.core.perception.TrackState.CONFIRMED, List.copyOf(riderPath))));
        }
        assertThat(s.events(LineCrossing.class)).extracting(LineCrossing::roadUserClass).containsExactly("motorcycle");
    }

    @Test
    void aPedestrianCrossingTheLineIsCountedAsAPerson() {
        Scenario s = new Scenario();
        drive(s, new Vehicle(7, RoadUserClass.PERSON), 800, 1, ramp(680, 520, 30));
        assertThat(s.events(LineCrossing.class)).extracting(LineCrossing::roadUserClass).containsExactly("person");
    }

    @Test
    void passingBeyondTheEndOfTheLineIsNotACrossing() {
        Scenario s = new Scenario();
        drive(s, new Vehicle(4, RoadUserClass.TRUCK), 1240, 2, ramp(680, 520, 30));
        assertThat(s.events(LineCrossing.class)).isEmpty();
    }

    @Test
    void manyTracksAreCountedPerClassAndDirection() {
        Scenario s = new Scenario();
        // interleave several tracks in the same frames: 3 cars up, 2 motorcycles down
        Vehicle[] up = {new Vehicle(10, RoadUserClass.CAR), new Vehicle(11, RoadUserClass.CAR),
                new Vehicle(12, RoadUserClass.CAR)};
        Vehicle[] down = {new Vehicle(20, RoadUserClass.MOTORCYCLE), new Vehicle(21, RoadUserClass.MOTORCYCLE)};
        for (int i = 0; i <= 40; i++) {
            double yUp = 680 - 4 * i;
            double yDown = 520 + 4 * i;
            var objs = new java.util.ArrayList<id.pantau.core.perception.TrackedObject>();
            for (int k = 0; k < up.length; k++) {
                objs.add(up[k].at(300 + 200 * k + (jitter.nextDouble() - 0.5) * 6, yUp + (jitter.nextDouble() - 0.5) * 6));
            }
            for (int k = 0; k < down.length; k++) {
                objs.add(down[k].at(400 + 200 * k, yDown + (jitter.nextDouble() - 0.5) * 6));
            }
            s.frame(objs);
        }
        List<LineCrossing> c = s.events(LineCrossing.class);
        assertThat(c.stream().filter(e -> e.direction() == CrossingDirection.IN && e.roadUserClass().equals("car")))
                .hasSize(3);
        assertThat(c.stream().filter(e -> e.direction() == CrossingDirection.OUT
                && e.roadUserClass().equals("motorcycle"))).hasSize(2);
        assertThat(c).hasSize(5).extracting(LineCrossing::eventId).doesNotHaveDuplicates();
    }
}
