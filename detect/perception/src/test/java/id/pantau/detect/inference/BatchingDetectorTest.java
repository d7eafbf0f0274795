package id.pantau.detect.inference;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.SharedData;
import id.pantau.detect.export.DynamicBatchExport;
import id.pantau.detect.model.DetectorModelSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Cameras calling {@code detect} on their own threads, batched into shared inferences on a dynamic-batch copy of the
 * real yolox_nano: the detections are each camera's own, the frames share one inference, and a frame that fails
 * fails only its camera.
 */
class BatchingDetectorTest {
    @TempDir
    static Path tmp;
    static OnnxDetector dynamic;
    static List<VideoFrame> frames;

    @BeforeAll
    static void open() {
        Path model = DynamicBatchExport.export(SharedData.model("yolox_nano"), tmp.resolve("yolox_nano_n.onnx"))
                .target();
        dynamic = OnnxDetector.open(DetectorModelSpec.cocoYolox("yolox_nano_n", model),
                DetectorSettings.singleStream(2).withMaxBatch(4));
        frames = SharedData.threeCameraFrames(); // three sizes: each frame gets its own letterbox in the batch
    }

    @AfterAll
    static void close() {
        dynamic.close();
    }

    /** Each camera's thread calls detect at once, as PerceptionStage does; returns the results in camera order. */
    private static List<List<Detection>> camerasAtOnce(Detector detector, List<VideoFrame> frames) throws Exception {
        List<List<Detection>> out = new ArrayList<>();
        for (Object o : outcomes(detector, frames)) {
            if (o instanceof Throwable t) {
                throw new AssertionError("a camera's detect failed", t);
            }
            @SuppressWarnings("unchecked")
            List<Detection> d = (List<Detection>) o;
            out.add(d);
        }
        return out;
    }

    /** Per camera, in camera order: its detections, or what its detect call threw. */
    private static List<Object> outcomes(Detector detector, List<VideoFrame> frames) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(frames.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Detection>>> calls = new ArrayList<>();
            for (VideoFrame f : frames) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return detector.detect(f);
                }));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<List<Detection>> c : calls) {
                try {
                    out.add(c.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threeCamerasCallingAtOnceShareOneInferenceAndGetTheirOwnDetections() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // a long wait: the batch is full (3 of 3 cameras) well before it, so it runs as soon as the third arrives
        try (BatchingDetector batching = new BatchingDetector(dynamic, 3, Duration.ofSeconds(5), 1, 8, registry)) {
            long before = dynamic.inferences();
            List<List<Detection>> results = camerasAtOnce(batching, frames);
            assertThat(dynamic.inferences() - before).as("one inference for three cameras").isEqualTo(1);
            assertThat(registry.get("pantau.detect.batch.size").summary().max()).isEqualTo(3);
            for (int i = 0; i < frames.size(); i++) {
                List<Detection> alone = dynamic.detect(frames.get(i));
                assertThat(alone).as("camera %d sees road users", i).isNotEmpty();
                assertSame(results.get(i), alone, "camera " + i);
            }
        }
    }

    @Test
    void aLoneFrameRunsAfterTheWaitWithoutOthers() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BatchingDetector batching = new BatchingDetector(dynamic, 4, Duration.ofMillis(20), 1, 8, registry)) {
            long before = dynamic.inferences();
            assertThat(batching.detect(frames.get(1))).isNotEmpty();
            assertThat(dynamic.inferences() - before).isEqualTo(1);
            assertThat(registry.get("pantau.detect.batch.size").summary().max()).isEqualTo(1);
        }
    }

    @Test
    void aFrameThatBreaksTheBatchFailsOnlyItsOwnCamera() throws Exception {
        CameraId broken = CameraId.of("camera1");
        Detector breaksOnCamera1 = new Detector() {
            @Override
            public List<Detection> detect(VideoFrame frame) {
                if (frame.camera().equals(broken)) {
                    throw new IllegalStateException("model rejected camera1's frame");
                }
                return dynamic.detect(frame);
            }

            @Override
            public List<List<Detection>> detectAll(List<VideoFrame> fs) {
                if (fs.stream().anyMatch(f -> f.camera().equals(broken))) {
                    throw new IllegalStateException("model rejected a frame in the batch");
                }
                return dynamic.detectAll(fs);
            }

            @Override
            public String modelName() {
                return dynamic.modelName();
            }

            @Override
            public void close() {
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BatchingDetector batching = new BatchingDetector(breaksOnCamera1, 3, Duration.ofSeconds(5), 1, 8,
                registry)) {
            List<Object> outcomes = outcomes(batching, frames);
            assertThat(registry.get("pantau.detect.batch.retried").counter().count()).isEqualTo(3);
            assertThat(outcomes.get(1)).isInstanceOf(IllegalStateException.class)
                    .hasFieldOrPropertyWithValue("message", "model rejected camera1's frame");
            // the other two cameras got their own detections from the one-by-one retry
            for (int i : new int[] {0, 2}) {
                assertThat(outcomes.get(i)).as("camera %d", i).isInstanceOf(List.class);
                @SuppressWarnings("unchecked")
                List<Detection> got = (List<Detection>) outcomes.get(i);
                assertSame(got, dynamic.detect(frames.get(i)), "camera " + i);
            }
        }
    }

    private static void assertSame(List<Detection> actual, List<Detection> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            Detection a = actual.get(k);
            Detection e = expected.get(k);
            assertThat(a.roadUser()).as(what).isEqualTo(e.roadUser());
            assertThat(a.score()).as(what).isCloseTo(e.score(), within(1e-4f));
            assertThat(a.box().x1()).as(what).isCloseTo(e.box().x1(), within(1e-3));
            assertThat(a.box().y2()).as(what).isCloseTo(e.box().y2(), within(1e-3));
        }
    }

    @Test
    void aClosedBatcherRefusesFramesClearly() {
        BatchingDetector batching = new BatchingDetector(dynamic, 4, Duration.ofMillis(5), 1, 8,
                new SimpleMeterRegistry());
        batching.close();
        assertThatThrownBy(() -> batching.detect(frames.getFirst()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new BatchingDetector(dynamic, 0, Duration.ZERO, 1, 1, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max batch");
    }
}
