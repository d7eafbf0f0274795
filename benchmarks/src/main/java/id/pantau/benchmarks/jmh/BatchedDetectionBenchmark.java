package id.pantau.benchmarks.jmh;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.export.DynamicBatchExport;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.model.DetectorModelSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Four cameras' frames through the whole detector (letterbox, inference, decode, NMS), one by one against one
 * batched inference, on a dynamic-batch copy of the shipped yolox_nano derived in setup with
 * {@link DynamicBatchExport}; scores are per frame. One detector and session for both, two ONNX Runtime threads,
 * so the ratio is the gain of batching alone.
 */
@State(Scope.Benchmark)
public class BatchedDetectionBenchmark {
    private static final int CAMERAS = 4;

    Path dir;
    OnnxDetector detector;
    List<VideoFrame> frames;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pantau-batch-bench");
        Path model = DynamicBatchExport.export(JmhInputs.model(), dir.resolve("yolox_nano_n.onnx")).target();
        detector = OnnxDetector.open(DetectorModelSpec.cocoYolox("yolox_nano_n", model),
                DetectorSettings.singleStream(2).withMaxBatch(CAMERAS));
        frames = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            frames.add(JmhInputs.frameAt(1.0 + i)); // four different moments stand in for four cameras
        }
    }

    @Benchmark
    @OperationsPerInvocation(CAMERAS)
    public int oneByOne() {
        int n = 0;
        for (VideoFrame f : frames) {
            n += detector.detect(f).size();
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CAMERAS)
    public int batchOfFour() {
        int n = 0;
        for (List<Detection> d : detector.detectAll(frames)) {
            n += d.size();
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
