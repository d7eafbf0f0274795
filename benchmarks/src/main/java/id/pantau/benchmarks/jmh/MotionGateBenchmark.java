package id.pantau.benchmarks.jmh;

import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.motion.MotionGate;
import id.pantau.detect.motion.MotionSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The motion gate (MOG2 on a 320 px grey copy) that decides whether the detector runs, fed 720p frames as direct
 * buffers and as the heap frames ingest produces today (each then copied into direct memory first).
 */
@State(Scope.Thread)
public class MotionGateBenchmark {
    List<VideoFrame> direct = new ArrayList<>();
    List<VideoFrame> heap = new ArrayList<>();
    MotionGate gate;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        for (double t : new double[] {0.5, 1.0, 1.5, 2.0, 2.5, 3.0}) {
            VideoFrame f = JmhInputs.frameAt(t);
            direct.add(f);
            heap.add(new VideoFrame(f.camera(), f.sequence(), f.captureTime(), f.streamTimeMicros(), f.width(),
                    f.height(), ByteBuffer.wrap(f.toByteArray())));
        }
        gate = new MotionGate(MotionSettings.defaults());
    }

    @Benchmark
    public boolean directFrame() {
        next = (next + 1) % direct.size();
        return gate.needsDetection(direct.get(next));
    }

    @Benchmark
    public boolean heapFrame() {
        next = (next + 1) % heap.size();
        return gate.needsDetection(heap.get(next));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gate.close();
    }
}
