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
    void aFrameCarryingItsLumaIsJudgedOnTheLumaAsOnItsBgrPixels() {
        // The same pictures, once as BGR only and once with a grey copy made apart from OpenCV (BT.601 weights,
        // box average to 320 px): the gate decides the same and sees about the same share changed.
        try (MotionGate fromBgr = new MotionGate(MotionSettings.defaults().withForceEvery(1000));
             MotionGate fromLuma = new MotionGate(MotionSettings.defaults().withForceEvery(1000))) {
            for (int n : new int[] {100, 100, 100, 100, 100, 432, 432, 432, 100}) {
                VideoFrame f = frame(n);
                boolean a = fromBgr.needsDetection(f);
                boolean b = fromLuma.needsDetection(withLuma(f, f));
                assertThat(b).as("frame %d", n).isEqualTo(a);
                assertThat(fromLuma.lastChangedFraction()).isCloseTo(fromBgr.lastChangedFraction(),
                        org.assertj.core.data.Offset.offset(0.01 + 0.2 * fromBgr.lastChangedFraction()));
            }
        }
    }

    @Test
    void theGateReadsTheLumaPlaneNotTheBgrPixelsWhenAFrameHasOne() {
        // BGR of the still frame throughout; only the luma plane changes to another moment: the gate sees motion.
        VideoFrame still = frame(100);
        try (MotionGate gate = new MotionGate(MotionSettings.defaults().withForceEvery(1000))) {
            for (int i = 0; i < 5; i++) {
                gate.needsDetection(withLuma(still, still));
            }
            assertThat(gate.needsDetection(withLuma(still, still))).isFalse();
            assertThat(gate.needsDetection(withLuma(still, frame(432)))).isTrue();
        }
    }

    /** {@code pixels} with the grey copy of {@code lumaOf} attached, as ingest attaches the decoder's Y plane. */
    private static VideoFrame withLuma(VideoFrame pixels, VideoFrame lumaOf) {
        int w = lumaOf.width();
        int h = lumaOf.height();
        int sw = 320;
        int sh = (int) Math.round((double) h * sw / w);
        java.nio.ByteBuffer src = lumaOf.pixels();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(sw * sh);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double sum = 0;
                int count = 0;
                for (int yy = y * h / sh; yy < (y + 1) * h / sh; yy++) {
                    for (int xx = x * w / sw; xx < (x + 1) * w / sw; xx++) {
                        int o = 3 * (yy * w + xx);
                        sum += 0.114 * (src.get(o) & 0xff) + 0.587 * (src.get(o + 1) & 0xff)
                                + 0.299 * (src.get(o + 2) & 0xff);
                        count++;
                    }
                }
                out.put(y * sw + x, (byte) Math.round(sum / count));
            }
        }
        return new VideoFrame(pixels.camera(), pixels.sequence(), pixels.captureTime(), pixels.streamTimeMicros(),
                pixels.width(), pixels.height(), pixels.bgr(), new id.pantau.core.frame.GreyPlane(sw, sh, out));
    }

    @Test
    void regionsMustLieInsideTheFrame() {
        assertThatThrownBy(() -> new RegionOfInterest(0.5, 0, 0.6, 1)).hasMessageContaining("inside the frame");
    }
}
