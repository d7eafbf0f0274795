package id.pantau.detect.accuracy;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.SharedData;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.io.VideoFileReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The red double-decker buses of the TestV4 street clip (a bus is in view in every frame) are detected as bus.
 * YOLOX-nano at 416 labels these close, occluded buses "train" or scores "bus" low, so Pantau maps COCO train to
 * bus on road cameras and uses a bus threshold of 0.25. Every 5th frame is analysed (31 frames); the share of
 * frames with a bus is compared with the plain COCO reading (bus only, 0.3). Measured: 12/31 (0.39) against
 * 6/31 (0.19) plain; the test fails below 0.35 (detect/README.md).
 */
class BusDetectionTest {
    private static final String CLIP = "videos/opencv_zoo_TestV4_street_london.mp4";
    static final double RECORDED_MIN_SHARE = 0.35;

    @Test
    void theRedBusesAreDetectedAsBus() {
        OnnxDetector pantau = SharedData.yoloxNano();
        int frames = 0;
        int withBus = 0;
        int withPlainBus = 0;
        try (VideoFileReader r = new VideoFileReader(SharedData.data(CLIP), CameraId.of("london"))) {
            VideoFrame f;
            while ((f = r.next()) != null) {
                frames++;
                List<Detection> ds = pantau.detect(f);
                if (ds.stream().anyMatch(d -> d.roadUser() == RoadUserClass.BUS)) {
                    withBus++;
                }
                if (ds.stream().anyMatch(d -> d.modelClass().equals("bus") && d.score() >= 0.3f)) {
                    withPlainBus++;
                }
                if (!r.skip(4)) {
                    break;
                }
            }
        }
        double share = (double) withBus / frames;
        System.out.printf("TestV4 buses: bus found in %d/%d analysed frames (%.2f) with train->bus and bus>=0.25;"
                + " plain COCO bus>=0.3 in %d/%d (%.2f)%n", withBus, frames, share, withPlainBus, frames,
                (double) withPlainBus / frames);
        assertThat(frames).isEqualTo(31);
        assertThat(share).isGreaterThanOrEqualTo(RECORDED_MIN_SHARE);
        assertThat(withBus).isGreaterThan(withPlainBus);
    }
}
