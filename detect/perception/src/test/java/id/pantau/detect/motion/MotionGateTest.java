package id.pantau.detect.motion;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate on real frames of the road clip: a still scene is skipped (with forced detections), a change is not. */
class MotionGateTest {
    private static final String FRAMES = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/";

    private static VideoFrame frame(int n) {
        return ImageFiles.read(SharedData.data(FRAMES + "frame_%04d.png".formatted(n)), CameraId.of("road"), n);
    }

    @Test
    void aStillSceneIsSkippedExceptForcedFramesAndAChangeWakesTheDetector() {
        VideoFrame still = frame(100);
        try (MotionGate gate = new MotionGate(MotionSettings.defaults().withForceEvery(10))) {
            assertThat(gate.needsDetection(still)).as("first frame: no background yet").isTrue();
            int detections = 0;
            for (int i = 0; i < 30; i++) {
                if (gate.needsDetection(still)) {
                    detections++;
                }
            }
            assertThat(detections).as("only the forced detections (every 10th)").isEqualTo(3);
            // 13 s later: other cars, other places -> motion
            assertThat(gate.needsDetection(frame(432))).isTrue();
            assertThat(gate.lastChangedFraction()).isGreaterThan(0.001);
        }
    }

    @Test
    void motionOutsideTheRegionsOfInterestIsIgnored() {
        // a thin strip along the top edge of the image, where frames 100 and 432 hardly differ
        var strip = new MotionSettings(320, 300, 25, 0.05, 1000, List.of(new RegionOfInterest(0, 0, 0.05, 0.05)));
        try (MotionGate whole = new MotionGate(MotionSettings.defaults().withForceEvery(1000));
             MotionGate corner = new MotionGate(strip)) {
            for (int i = 0; i < 5; i++) {
                whole.needsDetection(frame(100));
                corner.needsDetection(frame(100));
            }
            assertThat(whole.needsDetection(frame(432))).isTrue();
            assertThat(corner.needsDetection(frame(432))).isFalse();
        }
    }

    @Test
    void regionsMustLieInsideTheFrame() {
        assertThatThrownBy(() -> new RegionOfInterest(0.5, 0, 0.6, 1)).hasMessageContaining("inside the frame");
    }
}
