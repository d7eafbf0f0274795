package id.pantau.detect.track;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ByteTrack behaviour on constructed detections (the real-footage check is RoadClipTrackingTest). */
class ByteTrackerTest {
    private static Detection car(double x, float score) {
        return new Detection(RoadUserClass.CAR, "car", score, new BoundingBox(x, 100, x + 60, 140));
    }

    @Test
    void firstFrameTracksAreConfirmedAtOnceLaterOnesAfterTwoHits() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults());
        assertThat(t.update(List.of(car(0, 0.9f)))).singleElement().extracting(TrackedObject::state)
                .isEqualTo(TrackState.CONFIRMED);
        assertThat(t.update(List.of(car(4, 0.9f), car(400, 0.9f)))).as("the newcomer is tentative, unpublished")
                .singleElement().extracting(TrackedObject::trackId).isEqualTo(1L);
        assertThat(t.update(List.of(car(8, 0.9f), car(404, 0.9f)))).hasSize(2);
    }

    @Test
    void keepsTheIdWhileMoving() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults());
        t.update(List.of(car(0, 0.9f)));
        List<TrackedObject> out = List.of();
        for (int i = 1; i <= 10; i++) {
            out = t.update(List.of(car(8 * i, 0.9f)));
            assertThat(out).hasSize(1);
            assertThat(out.getFirst().trackId()).isEqualTo(1);
            assertThat(out.getFirst().state()).isEqualTo(TrackState.CONFIRMED);
        }
        assertThat(out.getFirst().groundHistory()).hasSize(11);
        assertThat(out.getFirst().groundHistory().getLast().x()).isGreaterThan(out.getFirst().groundHistory()
                .getFirst().x());
    }

    @Test
    void lowScoreDetectionsExtendATrackButDoNotStartOne() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults());
        t.update(List.of(car(0, 0.9f)));
        t.update(List.of(car(5, 0.9f)));
        // occluded: the score drops to 0.15, the second association keeps the same track
        List<TrackedObject> out = t.update(List.of(car(10, 0.15f)));
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.trackId()).isEqualTo(1);
            assertThat(o.state()).isEqualTo(TrackState.CONFIRMED);
        });
        // a low-score detection far away starts nothing
        ByteTracker fresh = new ByteTracker(TrackerSettings.defaults());
        fresh.update(List.of(car(500, 0.15f)));
        assertThat(fresh.update(List.of(car(505, 0.15f)))).isEmpty();
    }

    @Test
    void aTrackLostBrieflyIsRecoveredWithItsIdAndRemovedAfterMaxLost() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults().withMaxLostFrames(3));
        for (int i = 0; i < 5; i++) {
            t.update(List.of(car(4 * i, 0.9f)));
        }
        assertThat(t.update(List.of())).singleElement().extracting(TrackedObject::state).isEqualTo(TrackState.LOST);
        List<TrackedObject> back = t.update(List.of(car(24, 0.9f)));
        assertThat(back).singleElement().satisfies(o -> {
            assertThat(o.trackId()).isEqualTo(1);
            assertThat(o.state()).isEqualTo(TrackState.CONFIRMED);
        });
        for (int i = 0; i < 4; i++) {
            t.update(List.of());
        }
        assertThat(t.update(List.of())).isEmpty();
        // a new vehicle gets a new id: ids are never reused
        t.update(List.of(car(300, 0.9f)));
        assertThat(t.update(List.of(car(304, 0.9f)))).singleElement().extracting(TrackedObject::trackId)
                .isEqualTo(2L);
    }

    @Test
    void classIsAScoreWeightedVoteAndAssociationIgnoresClassFlips() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults());
        t.update(List.of(car(0, 0.8f)));
        t.update(List.of(car(2, 0.8f)));
        Detection truck = new Detection(RoadUserClass.TRUCK, "truck", 0.5f, new BoundingBox(4, 100, 64, 140));
        List<TrackedObject> out = t.update(List.of(truck));
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.trackId()).isEqualTo(1);
            assertThat(o.roadUser()).isEqualTo(RoadUserClass.CAR);
        });
    }

    @Test
    void oneVehicleReportedAsCarAndTruckMakesOneTrack() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults());
        List<TrackedObject> out = List.of();
        for (int i = 0; i < 4; i++) {
            Detection truck = new Detection(RoadUserClass.TRUCK, "truck", 0.6f,
                    new BoundingBox(5 * i + 1, 100, 5 * i + 61, 141));
            out = t.update(List.of(car(5 * i, 0.7f), truck));
        }
        assertThat(out).singleElement().extracting(TrackedObject::roadUser).isEqualTo(RoadUserClass.CAR);
    }

    @Test
    void predictOnlyFramesMoveTracksOnWithoutLosingThem() {
        ByteTracker t = new ByteTracker(TrackerSettings.defaults().withMaxLostFrames(1));
        for (int i = 0; i < 6; i++) {
            t.update(List.of(car(10 * i, 0.9f)));
        }
        double x = 0;
        for (int i = 0; i < 5; i++) {
            List<TrackedObject> p = t.predict();
            assertThat(p).singleElement().extracting(TrackedObject::state).isEqualTo(TrackState.CONFIRMED);
            assertThat(p.getFirst().box().x1()).isGreaterThan(x);
            x = p.getFirst().box().x1();
        }
        assertThat(t.activeCount()).isEqualTo(1);
    }
}
