package id.pantau.detect.track;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.LineCrossings;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.VideoFileReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker keeps one id per vehicle on the real road clip: detection + tracking at 12 analysed frames/s,
 * crossings of the labelled counting line compared with the exact labels (8 vehicles, all towards the camera).
 */
class RoadClipTrackingTest {
    private static final String CLIP = "videos/ahmetozlu_vehicle_survaillance_road_38s.mp4";
    private static final String LABELS = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/crossings.csv";
    /** a detected crossing matches a label when within this many decoded frames (0.5 s at 24 fps) */
    private static final int MATCH_WINDOW = 12;

    @Test
    void oneTrackPerVehicleAcrossTheCountingLine() throws IOException {
        List<Long> labelled = Files.readAllLines(SharedData.data(LABELS)).stream().skip(1)
                .filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.split(",")[0])).toList();
        LineCrossings line = new LineCrossings(new Point(215, 230), new Point(640, 230));
        ByteTracker tracker = new ByteTracker(TrackerSettings.defaults());
        var detector = SharedData.yoloxNanoForTracking();
        try (VideoFileReader reader = new VideoFileReader(SharedData.data(CLIP), CameraId.of("road"))) {
            VideoFrame f;
            while ((f = reader.next()) != null) {
                List<TrackedObject> objects = tracker.update(detector.detect(f));
                line.accept(f.sequence(), objects);
                if (!reader.skip(1)) {
                    break;
                }
            }
        }
        List<LineCrossings.Crossing> found = new ArrayList<>(line.crossings());
        int matched = 0;
        List<Long> missed = new ArrayList<>();
        for (long frame : labelled) {
            var hit = found.stream().filter(c -> Math.abs(c.frame() - frame) <= MATCH_WINDOW).findFirst();
            if (hit.isPresent()) {
                matched++;
                found.remove(hit.get());
            } else {
                missed.add(frame);
            }
        }
        System.out.printf("road clip: %d labelled crossings, %d matched, %d missed %s, %d extra (double counts or"
                        + " false) %s%n", labelled.size(), matched, missed.size(), missed, found.size(), found);
        assertThat(labelled).hasSize(8);
        assertThat(missed).as("missed crossings").hasSizeLessThanOrEqualTo(1);
        assertThat(found).as("double counts / false crossings").hasSizeLessThanOrEqualTo(1);
    }
}
