package id.pantau.detect.postprocess;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiderFilterTest {
    private static Detection d(RoadUserClass c, double x1, double y1, double x2, double y2) {
        return new Detection(c, c.label(), 0.8f, new BoundingBox(x1, y1, x2, y2));
    }

    @Test
    void aPersonSittingOnAMotorcycleIsItsRiderNotAPedestrian() {
        Detection bike = d(RoadUserClass.MOTORCYCLE, 100, 150, 160, 250);
        Detection rider = d(RoadUserClass.PERSON, 105, 90, 155, 220);       // torso above, legs over the seat
        Detection passenger = d(RoadUserClass.PERSON, 115, 100, 165, 230);  // second rider, slightly behind
        assertThat(RiderFilter.withoutRiders(List.of(bike, rider, passenger))).containsExactly(bike);
    }

    @Test
    void aPedestrianBesideAParkedMotorcycleIsKept() {
        Detection bike = d(RoadUserClass.MOTORCYCLE, 100, 150, 160, 250);
        Detection walker = d(RoadUserClass.PERSON, 170, 120, 200, 250);     // next to it, centre outside the bike
        Detection behind = d(RoadUserClass.PERSON, 110, 20, 150, 130);      // further up the road, feet above it
        assertThat(RiderFilter.withoutRiders(List.of(bike, walker, behind))).containsExactly(bike, walker, behind);
    }

    @Test
    void withoutTwoWheelersNothingChanges() {
        List<Detection> in = List.of(d(RoadUserClass.PERSON, 0, 0, 10, 30), d(RoadUserClass.CAR, 20, 20, 80, 60));
        assertThat(RiderFilter.withoutRiders(in)).isSameAs(in);
    }
}
