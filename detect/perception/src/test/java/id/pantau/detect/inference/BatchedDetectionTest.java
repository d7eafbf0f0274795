package id.pantau.detect.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.SharedData;
import id.pantau.detect.export.DynamicBatchExport;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.DetectorSetupException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code detectAll} as one batched inference, on a dynamic-batch copy of the real yolox_nano derived here with
 * {@link DynamicBatchExport}, against single-frame calls on the original; and the one-by-one fallback on the
 * original, which is fixed at batch 1.
 */
class BatchedDetectionTest {
    @TempDir
    static Path tmp;
    static Path dynamicModel;
    static List<VideoFrame> frames;

    @BeforeAll
    static void deriveTheDynamicModel() {
        dynamicModel = DynamicBatchExport.export(SharedData.model("yolox_nano"),
                tmp.resolve("yolox_nano_dynamic.onnx")).target();
        frames = SharedData.threeCameraFrames(); // three sizes: each frame gets its own letterbox in the batch
    }

    private static OnnxDetector openDynamic(DetectorSettings settings) {
        return OnnxDetector.open(DetectorModelSpec.cocoYolox("yolox_nano_dynamic", dynamicModel), settings);
    }

    @Test
    void aBatchOfThreeCamerasGivesWhatThreeSingleCallsOnTheOriginalGive() {
        OnnxDetector original = SharedData.yoloxNano();
        try (OnnxDetector batched = openDynamic(DetectorSettings.singleStream(2))) {
            assertThat(batched.batched()).isTrue();
            assertThat(batched.maxBatch()).isEqualTo(DetectorSettings.DEFAULT_MAX_BATCH);
            long before = batched.inferences();
            List<List<Detection>> all = batched.detectAll(frames);
            assertThat(batched.inferences() - before).as("one inference for the three frames").isEqualTo(1);
            assertThat(all).hasSize(3);
            for (int i = 0; i < frames.size(); i++) {
                List<Detection> single = original.detect(frames.get(i));
                System.out.printf("%s: %d detections batched, %d single%n", frames.get(i).camera(), all.get(i).size(),
                        single.size());
                assertThat(single).as("frame %d has road users to compare", i).isNotEmpty();
                assertSameDetections(all.get(i), single);
            }
        }
    }

    @Test
    void moreFramesThanTheMaxBatchRunInSeveralBatches() {
        OnnxDetector original = SharedData.yoloxNano();
        try (OnnxDetector batched = openDynamic(DetectorSettings.singleStream(2).withMaxBatch(2))) {
            assertThat(batched.maxBatch()).isEqualTo(2);
            long before = batched.inferences();
            List<List<Detection>> all = batched.detectAll(frames);
            assertThat(batched.inferences() - before).as("a batch of 2, then one of 1").isEqualTo(2);
            for (int i = 0; i < frames.size(); i++) {
                assertSameDetections(all.get(i), original.detect(frames.get(i)));
            }
            assertThat(batched.detectAll(List.of())).isEmpty();
        }
    }

    @Test
    void theBatchOneModelRunsTheFramesOneByOne() {
        OnnxDetector original = SharedData.yoloxNano();
        assertThat(original.batched()).isFalse();
        assertThat(original.maxBatch()).as("fixed at batch 1, whatever the settings say").isEqualTo(1);
        long before = original.inferences();
        List<List<Detection>> all = original.detectAll(frames);
        assertThat(original.inferences() - before).as("one inference per frame").isEqualTo(3);
        for (int i = 0; i < frames.size(); i++) {
            assertSameDetections(all.get(i), original.detect(frames.get(i)));
        }
    }

    @Test
    void maxBatchOneTurnsBatchingOffOnADynamicModel() {
        try (OnnxDetector d = openDynamic(DetectorSettings.singleStream(1).withMaxBatch(1))) {
            assertThat(d.batched()).isFalse();
            long before = d.inferences();
            d.detectAll(frames);
            assertThat(d.inferences() - before).isEqualTo(3);
        }
        assertThatThrownBy(() -> DetectorSettings.defaults().withMaxBatch(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max batch");
    }

    @Test
    void aFileThatIsNotOnnxStillGetsAClearError() throws IOException {
        Path fake = Files.writeString(tmp.resolve("not_a_model.onnx"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> OnnxDetector.open(DetectorModelSpec.cocoYolox("broken", fake),
                DetectorSettings.singleStream(1).withMaxBatch(4)))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(fake.toAbsolutePath().toString())
                .hasMessageContaining("could not be loaded as an ONNX model");
    }

    @Test
    void aModelThatDeclaresADynamicBatchButTiesItToOneInsideIsRefusedAtLoad() throws IOException {
        // the derived model with its three Reshapes put back to [1, 85, -1]: ONNX Runtime accepts a batch of 2 but
        // the -1 folds both images into one row, so the output is [1, 7098, 85]
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(dynamicModel));
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Reshape")) {
                g.setNode(i, n.toBuilder().setInput(1, n.getInput(1).replace("_dynamic_batch", "")));
            }
        }
        Path naive = tmp.resolve("yolox_nano_naive.onnx");
        Files.write(naive, m.toBuilder().setGraph(g).build().toByteArray());
        assertThatThrownBy(() -> OnnxDetector.open(DetectorModelSpec.cocoYolox("naive", naive),
                DetectorSettings.singleStream(1)))
                .isInstanceOf(DetectorSetupException.class)
                .hasMessageContaining(naive.toAbsolutePath().toString())
                .hasMessageContaining("declares a dynamic batch but a batch of 2 gives an output of [1, 7098, 85]")
                .hasMessageContaining("max batch to 1");
    }

    private static void assertSameDetections(List<Detection> actual, List<Detection> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Detection a = actual.get(i);
            Detection e = expected.get(i);
            assertThat(a.roadUser()).isEqualTo(e.roadUser());
            assertThat(a.modelClass()).isEqualTo(e.modelClass());
            assertThat(a.score()).isCloseTo(e.score(), within(1e-4f));
            assertThat(a.box().x1()).isCloseTo(e.box().x1(), within(1e-3));
            assertThat(a.box().y1()).isCloseTo(e.box().y1(), within(1e-3));
            assertThat(a.box().x2()).isCloseTo(e.box().x2(), within(1e-3));
            assertThat(a.box().y2()).isCloseTo(e.box().y2(), within(1e-3));
        }
    }
}
