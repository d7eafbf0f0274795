package id.pantau.detect.analytics;

import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.Scenario.Vehicle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rider and the motorcycle under it are one road user on a counting line (issue #13 B: a rider was counted as a
 * person at frame 34 and again as a motorcycle at frame 35). Counting line y = 600, "in" = up the picture; a
 * motorcycle (box 24x50) and its rider (24x60, feet 10 px above the wheels) ride up 8 px per frame from y = 701:
 * the rider's ground point passes the line at frame 13, the motorcycle's at frame 14.
 */
class RiderCountingTest {
    private static final double X = 700;

    private static double y(int frame) {
        return 701 - 8.0 * frame;
    }

    /** The rider as a person track whose box sits on the motorcycle. */
    private static final class Rider {
        final long id;
        final List<Point> history = new ArrayList<>();

        Rider(long id) {
            this.id = id;
        }

        TrackedObject at(double x, double y) {
            BoundingBox box = new BoundingBox(x - 12, y - 70, x + 12, y - 10);
            history.add(box.groundPoint());
            return new TrackedObject(id, RoadUserClass.PERSON, 0.8f, box, TrackState.CONFIRMED,
                    List.copyOf(history));
        }
    }

    /** The motorcycle's box shrunk to its wheels behind the rider (a frame where it no longer looks ridden). */
    private static TrackedObject hiddenBike(Vehicle bike, double x, double y) {
        TrackedObject full = bike.at(x, y);
        return new TrackedObject(full.trackId(), full.roadUser(), 0.4f, new BoundingBox(x - 8, y - 20, x + 8, y),
                TrackState.CONFIRMED, full.groundHistory());
    }

    private static List<String> classes(Scenario s) {
        List<LineCrossing> c = s.events(LineCrossing.class);
        System.out.printf("line crossings: %s%n", c.stream().map(e -> e.roadUserClass() + " track " + e.trackId()
                + " frame " + e.frame() + " " + e.direction().label()).toList());
        return c.stream().map(LineCrossing::roadUserClass).toList();
    }

    @Test
    void aRiderCrossingAFrameBeforeHisMotorcycleIsCountedOnceAsTheMotorcycle() {
        // the case: where the rider crosses, the bike's box has shrunk behind him, so in that frame alone
        // he does not look like a rider
        Scenario s = new Scenario();
        Vehicle bike = new Vehicle(35, RoadUserClass.MOTORCYCLE);
        Rider rider = new Rider(34);
        for (int f = 0; f <= 30; f++) {
            s.frame(List.of(rider.at(X, y(f)), f == 13 ? hiddenBike(bike, X, y(f)) : bike.at(X, y(f))));
        }
        assertThat(classes(s)).containsExactly("motorcycle");
        assertThat(s.events(LineCrossing.class).getFirst().direction()).isEqualTo(CrossingDirection.IN);
    }

    @Test
    void aMotorcycleTrackConfirmedAfterItsRiderCrossedIsStillOneRoadUser() {
        // the bike's track is published only from frame 14 (confirmed late), already over the line; its history
        // says where it came from
        Scenario s = new Scenario();
        Vehicle bike = new Vehicle(35, RoadUserClass.MOTORCYCLE);
        Rider rider = new Rider(34);
        for (int f = 0; f <= 30; f++) {
            TrackedObject b = bike.at(X, y(f));
            s.frame(f < 14 ? List.of(rider.at(X, y(f))) : List.of(rider.at(X, y(f)), b));
        }
        assertThat(classes(s)).containsExactly("motorcycle");
    }

    @Test
    void aRiderWhoseMotorcycleTrackWasLostBeforeTheLineIsCountedOnceAsAMotorcycle() {
        Scenario s = new Scenario();
        Vehicle bike = new Vehicle(35, RoadUserClass.MOTORCYCLE);
        Rider rider = new Rider(34);
        for (int f = 0; f <= 30; f++) {
            s.frame(f <= 8 ? List.of(rider.at(X, y(f)), bike.at(X, y(f))) : List.of(rider.at(X, y(f))));
        }
        assertThat(classes(s)).containsExactly("motorcycle");
        // dated at the rider's crossing, not when it was resolved
        assertThat(s.events(LineCrossing.class).getFirst().frame()).isEqualTo(13);
    }

    @Test
    void aPedestrianIsCountedOnceAsAPersonAtHisCrossingFrame() {
        Scenario s = new Scenario();
        Rider walker = new Rider(40);   // same box, no two-wheeler anywhere
        for (int f = 0; f <= 30; f++) {
            s.frame(List.of(walker.at(X, y(f))));
        }
        assertThat(classes(s)).containsExactly("person");
        assertThat(s.events(LineCrossing.class).getFirst().frame()).isEqualTo(13);
    }

    @Test
    void twoRidersOnTwoMotorcyclesSideBySideAreTwoMotorcycles() {
        Scenario s = new Scenario();
        Vehicle b1 = new Vehicle(51, RoadUserClass.MOTORCYCLE);
        Vehicle b2 = new Vehicle(53, RoadUserClass.MOTORCYCLE);
        Rider r1 = new Rider(52);
        Rider r2 = new Rider(54);
        for (int f = 0; f <= 30; f++) {
            s.frame(List.of(r1.at(X, y(f)), f == 13 ? hiddenBike(b1, X, y(f)) : b1.at(X, y(f)),
                    r2.at(X + 30, y(f) + 4), b2.at(X + 30, y(f) + 4)));
        }
        assertThat(classes(s)).containsExactlyInAnyOrder("motorcycle", "motorcycle");
    }
}
