package id.pantau.detect.rider;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic edge cases of the rider step (the real frames are in DenseFrameRecallTest and RiderFramesTest). */
class RiderMergerTest {
    private static final RiderContext ROAD = new RiderContext(
            List.of(List.of(new Point(0, 100), new Point(640, 100), new Point(640, 480), new Point(0, 480))),
            List.of(List.of(new Point(0, 300), new Point(640, 300), new Point(640, 340), new Point(0, 340))));
    private final RiderMerger merger = new RiderMerger();

    static Detection det(RoadUserClass c, double x1, double y1, double x2, double y2) {
        return new Detection(c, c.label(), 0.7f, new BoundingBox(x1, y1, x2, y2));
    }

    @Test
    void aRiderOnAMotorbikeIsOneMotorcycleCarryingThePersonBox() {
        Detection bike = det(RoadUserClass.MOTORCYCLE, 100, 220, 140, 280);
        Detection rider = det(RoadUserClass.PERSON, 104, 190, 136, 262);
        List<RoadUserDetection> out = merger.merge(List.of(rider, bike), RiderContext.none());
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().detection().roadUser()).isEqualTo(RoadUserClass.MOTORCYCLE);
        // one box around the bike and its rider
        assertThat(out.getFirst().detection().box()).isEqualTo(new BoundingBox(100, 190, 140, 280));
        assertThat(out.getFirst().fromRider()).isFalse();
        assertThat(out.getFirst().persons()).containsExactly(rider.box());
    }

    @Test
    void onStillsAWeakBikeUnderAClearRiderTakesTheRidersScore() {
        Detection bike = new Detection(RoadUserClass.MOTORCYCLE, "motorcycle", 0.15f,
                new BoundingBox(100, 220, 140, 280));
        Detection rider = new Detection(RoadUserClass.PERSON, "person", 0.8f, new BoundingBox(104, 190, 136, 262));
        assertThat(new RiderMerger(0.35f, true).merge(List.of(bike, rider), RiderContext.none()).getFirst()
                .detection().score()).isEqualTo(0.8f);
        // video: the tracker gets the bike's own score
        assertThat(merger.merge(List.of(bike, rider), RiderContext.none()).getFirst().detection().score())
                .isEqualTo(0.15f);
    }

    @Test
    void twoPeopleOnOneBikeCountOnce() {
        Detection bike = det(RoadUserClass.MOTORCYCLE, 100, 220, 150, 280);
        Detection driver = det(RoadUserClass.PERSON, 102, 190, 132, 262);
        Detection pillion = det(RoadUserClass.PERSON, 118, 185, 148, 258);
        List<RoadUserDetection> out = merger.merge(List.of(driver, pillion, bike), RiderContext.none());
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().persons()).hasSize(2);
    }

    @Test
    void aPedestrianBesideAParkedBikeOrBelowItStaysAPedestrian() {
        Detection bike = det(RoadUserClass.MOTORCYCLE, 100, 220, 140, 280);
        Detection beside = det(RoadUserClass.PERSON, 150, 190, 175, 280); // no shared width
        Detection far = det(RoadUserClass.PERSON, 105, 300, 130, 370); // in front of it, lower in the picture
        List<RoadUserDetection> out = merger.merge(List.of(bike, beside, far), RiderContext.none());
        assertThat(out).hasSize(3);
        assertThat(out.stream().filter(r -> r.detection().roadUser() == RoadUserClass.PERSON)).hasSize(2);
        assertThat(out).noneMatch(RoadUserDetection::fromRider);
    }

    @Test
    void aLonePersonIsARiderOnlyInTheRoadwayAndNotOnTheCrosswalk() {
        Detection inLane = det(RoadUserClass.PERSON, 200, 150, 230, 230); // ground point y 230: roadway
        Detection onCrosswalk = det(RoadUserClass.PERSON, 300, 250, 325, 320); // ground point y 320: walking
        Detection onPavement = det(RoadUserClass.PERSON, 300, 20, 320, 80); // outside the roadway
        List<RoadUserDetection> out = merger.merge(List.of(inLane, onCrosswalk, onPavement), ROAD);
        RoadUserDetection rider = out.stream().filter(RoadUserDetection::fromRider).findFirst().orElseThrow();
        assertThat(rider.detection().roadUser()).isEqualTo(RoadUserClass.MOTORCYCLE);
        assertThat(rider.persons()).containsExactly(inLane.box());
        // the box reaches down to the hidden wheels: 30 % of the person's height
        assertThat(rider.detection().box().y2()).isEqualTo(230 + 0.3 * 80);
        assertThat(out.stream().filter(r -> r.detection().roadUser() == RoadUserClass.PERSON)).hasSize(2);
        // no geometry: nobody is converted
        assertThat(merger.merge(List.of(inLane), RiderContext.none())).noneMatch(RoadUserDetection::fromRider);
    }

    @Test
    void twoOverlappingLoneRidersAreOneMotorcycle() {
        Detection a = det(RoadUserClass.PERSON, 200, 150, 230, 230);
        Detection b = det(RoadUserClass.PERSON, 210, 145, 238, 225);
        Detection other = det(RoadUserClass.PERSON, 300, 150, 330, 230);
        List<RoadUserDetection> out = merger.merge(List.of(a, b, other), ROAD);
        assertThat(out).hasSize(2).allMatch(RoadUserDetection::fromRider);
        assertThat(out.getFirst().persons()).hasSize(2);
    }

    @Test
    void lowScorePersonsAndOtherClassesPassThrough() {
        Detection weak = new Detection(RoadUserClass.PERSON, "person", 0.2f, new BoundingBox(200, 150, 230, 230));
        Detection car = det(RoadUserClass.CAR, 300, 300, 400, 380);
        List<RoadUserDetection> out = merger.merge(List.of(weak, car), ROAD);
        assertThat(RiderMerger.detections(out)).containsExactlyInAnyOrder(weak, car);
    }

    @Test
    void motionMakesARiderWhereverItIsAndWalkingDoesNot() {
        PersonMotion motion = new PersonMotion();
        Detection p0 = det(RoadUserClass.PERSON, 300, 20, 320, 80); // height 60, outside the roadway
        Detection w0 = det(RoadUserClass.PERSON, 500, 20, 520, 80);
        motion.update(List.of(p0, w0), 0);
        // 1/6 s later: p moved 40 px (= 4 heights/s), w moved 5 px (0.5 heights/s)
        Detection p1 = det(RoadUserClass.PERSON, 340, 20, 360, 80);
        Detection w1 = det(RoadUserClass.PERSON, 505, 20, 525, 80);
        var moving = motion.update(List.of(p1, w1), 166_667);
        List<RoadUserDetection> out = merger.merge(List.of(p1, w1), RiderContext.none(), moving);
        assertThat(out.stream().filter(RoadUserDetection::fromRider).map(r -> r.persons().getFirst()))
                .containsExactly(p1.box());
        assertThat(out.stream().filter(r -> r.detection().roadUser() == RoadUserClass.PERSON)
                .map(r -> r.detection().box())).containsExactly(w1.box());
        // the first frame of a clip, or a gap of more than a second, calls nobody moving
        assertThat(new PersonMotion().update(List.of(p1), 0).test(p1)).isFalse();
    }
}
