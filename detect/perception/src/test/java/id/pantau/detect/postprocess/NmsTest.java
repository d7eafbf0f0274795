package id.pantau.detect.postprocess;

import id.pantau.core.perception.RoadUserClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NmsTest {
    private static Candidate c(RoadUserClass k, float score, float x1, float y1, float x2, float y2) {
        return new Candidate(0, k, score, x1, y1, x2, y2);
    }

    @Test
    void suppressesOverlapsOfTheSameClassKeepingTheBest() {
        Candidate best = c(RoadUserClass.CAR, 0.9f, 0, 0, 100, 100);
        Candidate dup = c(RoadUserClass.CAR, 0.6f, 5, 5, 105, 105);
        Candidate other = c(RoadUserClass.CAR, 0.5f, 300, 0, 400, 100);
        assertThat(Nms.defaults().apply(List.of(dup, other, best))).containsExactly(best, other);
    }

    @Test
    void isClassAwareAndOptionallyMergesNearIdenticalBoxesAcrossClasses() {
        Candidate person = c(RoadUserClass.PERSON, 0.8f, 0, 0, 40, 100);
        Candidate bike = c(RoadUserClass.BICYCLE, 0.7f, 0, 40, 40, 110);  // rider on a bicycle: both kept
        Candidate car = c(RoadUserClass.CAR, 0.8f, 200, 0, 300, 60);
        Candidate truckSame = c(RoadUserClass.TRUCK, 0.5f, 201, 0, 300, 61); // one pickup reported twice
        assertThat(Nms.defaults().apply(List.of(person, bike, car, truckSame)))
                .containsExactlyInAnyOrder(person, bike, car, truckSame);
        assertThat(new Nms(0.45f, 0.8f, 1.01f).apply(List.of(person, bike, car, truckSame)))
                .containsExactlyInAnyOrder(person, bike, car);
    }

    @Test
    void containmentDropsACutOffPartInsideABetterBox() {
        Candidate whole = c(RoadUserClass.BUS, 0.8f, 0, 0, 200, 100);
        Candidate part = c(RoadUserClass.BUS, 0.4f, 120, 10, 200, 90); // IoU 0.32, but 100% inside
        assertThat(Nms.defaults().apply(List.of(whole, part))).hasSize(2);
        assertThat(new Nms(0.45f, 0.8f, 0.8f).apply(List.of(whole, part))).containsExactly(whole);
    }
}
