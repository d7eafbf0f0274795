package id.pantau.benchmarks.jmh;

import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.ring.JpegCodec;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * The evidence ring's JPEG encoding of a 720p frame, which ingest does for every ring frame (by default at the
 * analysis rate): the JDK's ImageIO writer as ingest uses it today, beside OpenCV's libjpeg-turbo encoder on the
 * same pixels and quality.
 */
@State(Scope.Thread)
public class EvidenceJpegBenchmark {
    byte[] heap;
    int width;
    int height;
    JpegCodec imageIo;
    ByteBuffer direct;
    Mat mat;
    BytePointer encoded;
    IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 85);

    @Setup(Level.Trial)
    public void setUp() {
        VideoFrame f = JmhInputs.frameAt(2.5);
        width = f.width();
        height = f.height();
        heap = f.toByteArray();
        imageIo = new JpegCodec(85);
        direct = ByteBuffer.allocateDirect(heap.length);
        direct.put(heap).flip();
        mat = new Mat(height, width, CV_8UC3, new BytePointer(direct));
        encoded = new BytePointer();
    }

    @Benchmark
    public byte[] imageIoAsIngestDoesToday() {
        return imageIo.encode(heap, width, height);
    }

    @Benchmark
    public long openCvImencode() {
        opencv_imgcodecs.imencode(".jpg", mat, encoded, params);
        return encoded.limit();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        imageIo.close();
        mat.close();
        encoded.close();
        params.close();
    }
}
