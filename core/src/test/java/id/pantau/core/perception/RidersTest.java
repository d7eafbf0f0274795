package id.pantau.core.perception;

import id.pantau.core.perception.BoundingBox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RidersTest {
    private static final BoundingBox BIKE = new BoundingBox(100, 150, 160, 250);

    @Test
    void aPersonSittingOnAMotorcycleIsItsRider() {
        assertThat(Riders.rides(new BoundingBox(105, 90, 155, 220), BIKE)).isTrue();      // torso above, legs over the seat
        assertThat(Riders.rides(new BoundingBox(115, 100, 165, 230), BIKE)).isTrue();     // passenger, slightly behind
    }

    @Test
    void aPedestrianBesideOrBeyondAParkedMotorcycleIsNot() {
        assertThat(Riders.rides(new BoundingBox(170, 120, 200, 250), BIKE)).isFalse();    // next to it
        assertThat(Riders.rides(new BoundingBox(110, 20, 150, 130), BIKE)).isFalse();     // further up the road
        assertThat(Riders.rides(new BoundingBox(110, 200, 150, 320), BIKE)).isFalse();    // in front, feet below it
    }
}
