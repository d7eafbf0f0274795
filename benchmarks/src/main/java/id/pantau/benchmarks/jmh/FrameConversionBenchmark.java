package id.pantau.benchmarks.jmh;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;

/**
 * Decoder output to model input. Decoding one frame with and without FFmpeg's colour conversion (the ingest
 * grabber converts every decoded frame to BGR24, also the ones the sampler then throws away), and two ways of
 * handing the BGR picture on: what ingest and detect do today (a fresh heap array per frame, then a copy into a
 * direct buffer for OpenCV) and a copy into one reusable direct buffer.
 */
public class FrameConversionBenchmark {

    /** A grabber that loops the clip: each invocation decodes the next frame. */
    @State(Scope.Thread)
    public static class Decoder {
        @Param({"COLOR", "RAW"})
        public String mode;
        FFmpegFrameGrabber grabber;

        @Setup(Level.Trial)
        public void open() throws FrameGrabber.Exception {
            grabber = new FFmpegFrameGrabber(JmhInputs.clip().toFile());
            grabber.setImageMode(FrameGrabber.ImageMode.valueOf(mode));
            grabber.start();
        }

        Frame next() throws FrameGrabber.Exception {
            Frame f = grabber.grabImage();
            if (f == null) {
                grabber.setTimestamp(0);
                f = grabber.grabImage();
            }
            return f;
        }

        @TearDown(Level.Trial)
        public void close() throws FrameGrabber.Exception {
            grabber.close();
        }
    }

    /** One decoded 720p BGR frame, kept, and the reusable destination. */
    @State(Scope.Thread)
    public static class Picture {
        Frame frame;
        ByteBuffer reusable;

        @Setup(Level.Trial)
        public void decode() throws FrameGrabber.Exception {
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(JmhInputs.clip().toFile())) {
                g.setImageMode(FrameGrabber.ImageMode.COLOR);
                g.start();
                frame = g.grabImage().clone();
            }
            reusable = ByteBuffer.allocateDirect(frame.imageWidth * frame.imageHeight * 3);
        }
    }

    @Benchmark
    public Frame decodeOneFrame(Decoder d) throws FrameGrabber.Exception {
        return d.next();
    }

    /**
     * Today: ingest copies into a new byte[] per frame (BgrFrames.copy) and wraps it as a heap VideoFrame; detect's
     * DirectPixels then copies it into its reused direct buffer for OpenCV.
     */
    @Benchmark
    public ByteBuffer heapCopyThenDirectCopy(Picture p) {
        Frame f = p.frame;
        int row = f.imageWidth * 3;
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        byte[] heap = new byte[row * f.imageHeight];
        for (int y = 0; y < f.imageHeight; y++) {
            src.position(y * f.imageStride);
            src.get(heap, y * row, row);
        }
        ByteBuffer direct = p.reusable;
        direct.clear();
        direct.put(ByteBuffer.wrap(heap)).flip();
        return direct;
    }

    /** Proposed: one copy of the rows into a direct buffer reused frame after frame (pooled per camera). */
    @Benchmark
    public ByteBuffer copyIntoReusableDirect(Picture p) {
        Frame f = p.frame;
        int row = f.imageWidth * 3;
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        ByteBuffer dst = p.reusable;
        dst.clear();
        for (int y = 0; y < f.imageHeight; y++) {
            src.limit(y * f.imageStride + row).position(y * f.imageStride);
            dst.put(src);
        }
        dst.flip();
        return dst;
    }
}
