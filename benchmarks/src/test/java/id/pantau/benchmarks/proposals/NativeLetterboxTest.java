package id.pantau.benchmarks.proposals;

import id.pantau.core.asset.Assets;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.model.ModelFamily;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.LetterboxPreprocessor;
import id.pantau.detect.preprocess.PixelRegion;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** The proposal is only worth measuring if it fills the very tensor the detector's pre-processor fills. */
class NativeLetterboxTest {
    @Test
    void fillsTheSameTensorAsTheDetectorsPreprocessorOnARealFrame() {
        VideoFrame frame;
        try (VideoFileReader r = new VideoFileReader(
                Assets.defaults().data("videos/opencv_zoo_TestV4_street_london.mp4"), CameraId.of("t"))) {
            r.skip(60);
            frame = r.next();
        }
        try (LetterboxPreprocessor original = new LetterboxPreprocessor(416, 416, ModelFamily.YOLOX);
             NativeLetterbox proposal = new NativeLetterbox(416)) {
            Letterbox a = original.prepare(frame.pixels(), frame.width(), frame.height(),
                    PixelRegion.whole(frame.width(), frame.height()));
            Letterbox b = proposal.prepare(frame.pixels(), frame.width(), frame.height());
            assertThat(b).isEqualTo(a);
            FloatBuffer x = original.tensor().duplicate();
            FloatBuffer y = proposal.tensor().duplicate();
            assertThat(y.remaining()).isEqualTo(x.remaining()).isEqualTo(3 * 416 * 416);
            float maxDiff = 0;
            double sum = 0;
            for (int i = 0; i < x.remaining(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(x.get(i) - y.get(i)));
                sum += y.get(i);
            }
            assertThat(maxDiff).isZero();
            assertThat(sum / x.remaining()).isBetween(20.0, 235.0);   // a real picture, not a blank canvas
        }
    }
}
