package id.pantau.benchmarks.jmh;

import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.model.ModelFamily;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.LetterboxPreprocessor;
import id.pantau.detect.preprocess.PixelRegion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;

/**
 * Letterbox pre-processing of a 720p frame into YOLOX's 416x416 tensor (all in OpenCV, into the tensor's memory),
 * from a direct frame (what ingest and the file reader give) and from a heap frame (an image file: one more copy).
 */
@State(Scope.Thread)
public class LetterboxBenchmark {
    LetterboxPreprocessor preprocessor;
    VideoFrame direct;
    ByteBuffer heap;
    PixelRegion whole;

    @Setup(Level.Trial)
    public void setUp() {
        direct = JmhInputs.frameAt(2.5);
        byte[] bytes = direct.toByteArray();
        heap = ByteBuffer.wrap(bytes);
        preprocessor = new LetterboxPreprocessor(416, 416, ModelFamily.YOLOX);
        whole = PixelRegion.whole(direct.width(), direct.height());
    }

    @Benchmark
    public Letterbox fromDirectFrame() {
        return preprocessor.prepare(direct.pixels(), direct.width(), direct.height(), whole);
    }

    @Benchmark
    public Letterbox fromHeapFrame() {
        return preprocessor.prepare(heap.asReadOnlyBuffer(), direct.width(), direct.height(), whole);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        preprocessor.close();
    }
}
