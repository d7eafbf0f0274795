package id.pantau.detect.inference;

import id.pantau.detect.runtime.ExecutionProvider;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.DetectorSetupException;
import id.pantau.detect.model.ModelFamily;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a clear error naming the file and the problem, and never takes other cameras down. */
class BadInputTest {
    private static final String FRAME = "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/frame_0100.png";

    @TempDir
    Path tmp;

    @Test
    void aFileThatIsNotOnnx() throws IOException {
        Path fake = Files.writeString(tmp.resolve("yolox_nano.onnx"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> OnnxDetector.open(DetectorModelSpec.cocoYolox("broken", fake),
                DetectorSettings.singleStream(1)))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(fake.toAbsolutePath().toString())
                .hasMessageContaining("could not be loaded as an ONNX model")
                .hasMessageContaining("sha256");
    }

    @Test
    void aMissingModelFile() {
        Path missing = tmp.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxDetector.open(DetectorModelSpec.cocoYolox("nope", missing),
                DetectorSettings.singleStream(1)))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aRealOnnxModelWhoseOutputFitsNoDetectorFamily() {
        // PP-OCR's direction classifier: a valid ONNX model with output [N, 2]
        Path cls = SharedData.model("ppocr_cls");
        for (ModelFamily family : ModelFamily.values()) {
            var spec = new DetectorModelSpec("ppocr_cls", cls, family, DetectorModelSpec.coco80(), 640);
            assertThatThrownBy(() -> OnnxDetector.open(spec, DetectorSettings.singleStream(1)))
                    .isInstanceOf(DetectorSetupException.class)
                    .hasMessageContaining(cls.toAbsolutePath().toString())
                    .hasMessageContaining("does not look like a " + family + " detector")
                    .hasMessageContaining("[1, 2]");
        }
    }

    @Test
    void cudaAskedForButAbsent() {
        var settings = DetectorSettings.singleStream(1).withProvider(ExecutionProvider.CUDA, 0);
        assertThatThrownBy(() -> OnnxDetector.open(SharedData.yoloxNanoSpec(), settings))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining("CUDA execution provider was requested")
                .hasMessageContaining("-Pgpu")
                .hasMessageContaining("set the detector provider to cpu");
    }

    @Test
    void aFileThatIsNotAnImage() throws IOException {
        Path notImage = Files.writeString(tmp.resolve("camera7.jpg"), "not a jpeg at all");
        assertThatThrownBy(() -> ImageFiles.read(notImage, CameraId.of("c"), 0))
                .isInstanceOf(ImageFiles.UnreadableImageException.class)
                .hasMessageContaining(notImage.toAbsolutePath().toString())
                .hasMessageContaining("cannot decode it as an image");
    }

    @Test
    void aDetectorFailureOnOneCameraLeavesTheOthersRunning() {
        // The real detector, made to fail for one camera as a native inference error would (there is no real
        // input that makes ONNX Runtime fail on demand); the stage must isolate it.
        OnnxDetector real = SharedData.yoloxNanoForTracking();
        Detector failingForOne = new Detector() {
            @Override
            public List<Detection> detect(VideoFrame frame) {
                if (frame.camera().value().equals("broken")) {
                    throw new IllegalStateException("inference failed: simulated native error");
                }
                return real.detect(frame);
            }

            @Override
            public String modelName() {
                return real.modelName();
            }

            @Override
            public void close() {
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VideoFrame image = ImageFiles.read(SharedData.data(FRAME), CameraId.of("x"), 0);
        // forceEvery 1: the repeated still image has no motion, yet every frame must reach the detector here
        try (PerceptionStage stage = new PerceptionStage(failingForOne, MotionSettings.defaults().withForceEvery(1),
                TrackerSettings.defaults(), registry)) {
            for (int i = 0; i < 3; i++) {
                TrackedFrame broken = stage.process(copy(image, "broken", i));
                TrackedFrame fine = stage.process(copy(image, "fine", i));
                assertThat(broken.detected()).isFalse();
                assertThat(fine.detected()).isTrue();
            }
            TrackedFrame last = stage.process(copy(image, "fine", 3));
            assertThat(last.objects()).as("the healthy camera tracks the parked/queued cars").isNotEmpty();
        }
        assertThat(registry.get("pantau.detect.frames").tag("camera", "broken").tag("result", "failed").counter()
                .count()).isEqualTo(3);
    }

    private static VideoFrame copy(VideoFrame f, String camera, long seq) {
        return new VideoFrame(CameraId.of(camera), seq, f.captureTime(), 0, f.width(), f.height(), f.bgr());
    }
}
