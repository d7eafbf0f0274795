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

    /**
     * A grabber over the clip. COLOR converts every decoded frame to BGR24 (ingest today); RAW leaves the decoder's
     * YUV picture as it is; RAW_SKIP_NONREF also tells H.264 to skip frames no other frame refers to
     * (AVDISCARD_NONREF = 8), which a 5 fps analysis of a 25-30 fps camera never needs.
     */
    @State(Scope.Thread)
    public static class Decoder {
        @Param({"COLOR", "RAW", "RAW_SKIP_NONREF"})
        public String mode;
        FFmpegFrameGrabber grabber;

        @Setup(Level.Trial)
        public void open() throws FrameGrabber.Exception {
            grabber = new FFmpegFrameGrabber(JmhInputs.clip().toFile());
            grabber.setImageMode(mode.equals("COLOR") ? FrameGrabber.ImageMode.COLOR : FrameGrabber.ImageMode.RAW);
            if (mode.equals("RAW_SKIP_NONREF")) {
                grabber.setVideoOption("skip_frame", "8");
            }
            grabber.start();
        }

        /** Decodes the whole clip (5 s of 720p video) from the start; returns the frames it produced. */
        int wholeClip() throws FrameGrabber.Exception {
            grabber.setTimestamp(0);
            int n = 0;
            while (grabber.grabImage() != null) {
                n++;
            }
            return n;
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

    /** Time per 5 s of 30 fps 720p video (151 frames), i.e. per 5 camera-seconds. */
    @Benchmark
    public int decodeFiveSecondsOfVideo(Decoder d) throws FrameGrabber.Exception {
        return d.wholeClip();
    }

    /**
     * Before: ingest copied into a new byte[] per frame and wrapped it as a heap VideoFrame; detect's
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
