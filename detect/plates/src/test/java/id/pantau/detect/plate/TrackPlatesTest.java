package id.pantau.detect.plate;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-track reading on a real photo presented as consecutive frames of one tracked car. */
class TrackPlatesTest {
    private static final CameraId CAMERA = CameraId.of("test");

    @Test
    void readsAFewFramesPerTrackAndAnswersOnceWhenTheTrackEnds() {
        PlateData.Scene scene = PlateData.europeanScenes().getFirst();
        VideoFrame frame;
        try (Mat image = MatImages.read(scene.image())) {
            frame = new VideoFrame(CAMERA, 0, Instant.EPOCH, 0, image.cols(), image.rows(),
                    ByteBuffer.wrap(MatImages.bytes(image)));
        }
        BoundingBox car = new BoundingBox(2, 2, frame.width() - 2, frame.height() - 2);
        BoundingBox tiny = new BoundingBox(0, 0, 30, 20);
        TrackPlates plates = new TrackPlates(SharedReader.get(), IndonesianPlateGrammar.standard(),
                new TrackPlates.Settings(3, 3, 0.9, 60, 0.5));
        for (int i = 0; i < 5; i++) {
            List<TrackPlates.TrackPlate> ended = plates.update(frame, frame(i, List.of(
                    track(7, car, TrackState.CONFIRMED, RoadUserClass.CAR),
                    track(8, car, TrackState.TENTATIVE, RoadUserClass.CAR),
                    track(9, car, TrackState.CONFIRMED, RoadUserClass.PERSON),
                    track(10, tiny, TrackState.CONFIRMED, RoadUserClass.CAR))));
            assertThat(ended).isEmpty();
        }
        assertThat(plates.current(7)).isPresent();
        assertThat(plates.current(8)).as("tentative tracks are not read").isEmpty();
        assertThat(plates.current(9)).as("people have no plates").isEmpty();
        assertThat(plates.current(10)).as("too small to read").isEmpty();

        List<TrackPlates.TrackPlate> ended = plates.update(frame, frame(5, List.of()));
        assertThat(ended).hasSize(1);
        TrackPlates.TrackPlate result = ended.getFirst();
        assertThat(result.trackId()).isEqualTo(7);
        assertThat(result.framesRead()).as("reads capped per track").isEqualTo(3);
        assertThat(result.plate().box().iou(scene.plate())).as("the plate's box in the frame").isGreaterThan(0.3);
        assertThat(plates.current(7)).isEmpty();
        assertThat(plates.update(frame, frame(6, List.of()))).as("answered once").isEmpty();
    }

    private static TrackedFrame frame(long seq, List<TrackedObject> objects) {
        return new TrackedFrame(CAMERA, seq, Instant.EPOCH, 0, 0, objects, true);
    }

    private static TrackedObject track(long id, BoundingBox box, TrackState state, RoadUserClass c) {
        return new TrackedObject(id, c, 0.9f, box, state, List.of(box.groundPoint()));
    }
}
