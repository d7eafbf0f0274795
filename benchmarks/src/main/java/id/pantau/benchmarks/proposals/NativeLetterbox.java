package id.pantau.benchmarks.proposals;

import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.LetterboxPreprocessor;
import id.pantau.detect.preprocess.PixelRegion;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A measured proposal for the detect owner, not used by the pipeline: YOLOX letterboxing (BGR, 0-255, top-left on
 * a 114 canvas) done entirely in native memory. OpenCV resizes into a reused 416² canvas, converts it to float
 * and splits the channels straight into the three planes of the direct input tensor, so no pixel passes through
 * a Java array (today's {@link LetterboxPreprocessor} copies every resized row into a byte[], converts it in a
 * Java loop into a float[] staging array, fills that with the pad value first, and then copies it into the tensor).
 * Whole-frame only, YOLOX placement only; not thread-safe (one per inference slot, like the original).
 */
public final class NativeLetterbox implements AutoCloseable {
    private static final double PAD = 114;
    private final int size;
    private final FloatBuffer tensor;
    private final Mat resized = new Mat();
    private final Mat canvas;
    private final Mat canvasFloat = new Mat();
    private final MatVector planes;
    private final Scalar pad = new Scalar(PAD, PAD, PAD, 0);

    public NativeLetterbox(int size) {
        this.size = size;
        int plane = size * size;
        this.tensor = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.canvas = new Mat(size, size, opencv_core.CV_8UC3);
        FloatPointer base = new FloatPointer(tensor);
        // three single-channel Mats over the tensor's own memory: split() writes the planes in place
        this.planes = new MatVector(
                new Mat(size, size, opencv_core.CV_32FC1, base.getPointer(0)),
                new Mat(size, size, opencv_core.CV_32FC1, base.getPointer(plane)),
                new Mat(size, size, opencv_core.CV_32FC1, base.getPointer(2L * plane)));
    }

    public FloatBuffer tensor() {
        return tensor;
    }

    /** A direct copy of heap frames (files decode to heap buffers), reused across calls. */
    private ByteBuffer staging;

    /** Fills {@link #tensor()} from a whole packed BGR24 frame; a heap frame is first copied to a direct buffer. */
    public Letterbox prepare(ByteBuffer bgr, int width, int height) {
        ByteBuffer directBgr = bgr;
        if (!bgr.isDirect()) {
            if (staging == null || staging.capacity() < bgr.remaining()) {
                staging = ByteBuffer.allocateDirect(bgr.remaining());
            }
            staging.clear();
            staging.put(bgr.duplicate()).flip();
            directBgr = staging;
        }
        double scale = Math.min((double) size / width, (double) size / height);
        int newW = Math.clamp(Math.round(width * scale), 1, size);
        int newH = Math.clamp(Math.round(height * scale), 1, size);
        try (BytePointer data = new BytePointer(directBgr);
             Mat frame = new Mat(height, width, opencv_core.CV_8UC3, data);
             Size target = new Size(newW, newH);
             Rect roi = new Rect(0, 0, newW, newH);
             Mat dst = canvas.apply(roi)) {
            opencv_imgproc.resize(frame, resized, target, 0, 0, opencv_imgproc.INTER_LINEAR);
            canvas.put(pad);
            resized.copyTo(dst);
        }
        canvas.convertTo(canvasFloat, opencv_core.CV_32FC3);
        opencv_core.split(canvasFloat, planes);
        tensor.clear();
        return new Letterbox(PixelRegion.whole(width, height), (double) newW / width, (double) newH / height, 0, 0);
    }

    @Override
    public void close() {
        resized.close();
        canvas.close();
        canvasFloat.close();
        planes.close();
        pad.close();
    }
}
