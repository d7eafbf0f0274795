package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.StageFixtures;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.StagedInference;
import id.pantau.detect.inference.RawOutput;
import id.pantau.detect.postprocess.Candidate;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.PixelRegion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * Post-processing of a real YOLOX output (a busy street frame, tracking floor 0.1): decoding the 3549 cells into
 * candidates, NMS alone, and the whole step including the mapping back to frame pixels.
 */
@State(Scope.Thread)
public class PostprocessBenchmark {
    OnnxDetector detector;
    RawOutput raw;
    List<Candidate> candidates;
    Letterbox letterbox;
    private StagedInference staged;
    private StageFixtures fixtures;

    @Setup(Level.Trial)
    public void setUp() {
        fixtures = JmhInputs.fixtures();
        detector = fixtures.detector;
        staged = detector.staged();
        VideoFrame f = fixtures.frames.get(fixtures.frames.size() / 2);
        letterbox = staged.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
        raw = staged.infer();
        candidates = staged.decode(raw);
    }

    @Benchmark
    public List<Candidate> decodeOutput() {
        return staged.decode(raw);
    }

    @Benchmark
    public List<Candidate> nms() {
        return staged.nms(candidates);
    }

    @Benchmark
    public List<Detection> decodeNmsAndMap() {
        return staged.postprocess(raw, letterbox);
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void tearDown() {
        staged.close();
        fixtures.close();
    }
}
