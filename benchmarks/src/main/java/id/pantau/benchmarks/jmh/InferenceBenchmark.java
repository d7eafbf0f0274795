package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.BareOrtSession;
import id.pantau.benchmarks.pipeline.StageFixtures;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.StagedInference;
import id.pantau.detect.inference.RawOutput;
import id.pantau.detect.preprocess.PixelRegion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.FloatBuffer;

/**
 * YOLOX-nano inference through the detector (DJL Predictor, NDArray in and out) beside a bare ONNX Runtime session
 * on the same model, threads and identical letterboxed tensor, in the same fork: the wrapper's overhead is the
 * ratio of the two scores. DJL is initialised first (the detector), then the bare session takes DJL's environment
 * (RECIPES.md section 4).
 */
@State(Scope.Benchmark)
public class InferenceBenchmark {
    StageFixtures fixtures;
    StagedInference slot;
    BareOrtSession bare;
    FloatBuffer tensor;

    @Setup(Level.Trial)
    public void setUp() {
        fixtures = JmhInputs.fixtures();
        OnnxDetector d = fixtures.detector;
        slot = d.staged();
        VideoFrame f = fixtures.frames.get(fixtures.frames.size() / 2);
        slot.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
        tensor = slot.inputTensor();
        bare = new BareOrtSession(JmhInputs.model(), 1, new long[] {1, 3, d.inputHeight(), d.inputWidth()});
    }

    @Benchmark
    public RawOutput detectorInference() {
        return slot.infer();
    }

    @Benchmark
    public float bareOrtInference() {
        return bare.run(tensor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bare.close();
        slot.close();
        fixtures.close();
    }
}
