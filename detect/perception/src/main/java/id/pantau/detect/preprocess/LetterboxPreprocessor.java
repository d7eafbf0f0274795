package id.pantau.detect.preprocess;

import id.pantau.detect.model.ModelFamily;
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

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Turns a region of a packed BGR24 frame into the model's input tensor (NCHW float, batch 1): resize keeping
 * the aspect ratio (OpenCV bilinear), paste on a canvas of 114 at the family's placement, reorder the channels and
 * scale the values as the family expects.
 *
 * <p>Every step runs in native memory, and no pixel passes through a Java array: OpenCV resizes straight into the
 * canvas at the letterbox position, converts the canvas to float with the family's scale, and splits its channels
 * into three single-channel Mats laid over the tensor's own planes, in the model's channel order.
 *
 * <p>Not thread-safe: it owns reusable buffers (the tensor's direct FloatBuffer and OpenCV Mats) so the hot path
 * allocates nothing per frame; one instance per inference slot.
 */
public final class LetterboxPreprocessor implements AutoCloseable {
    private static final double PAD = 114;

    private final int inputWidth;
    private final int inputHeight;
    private final ModelFamily family;
    private final FloatBuffer tensor;
    private final Mat canvas;
    private final Mat canvasFloat = new Mat();
    /** The tensor's three planes as OpenCV sees them, indexed by the frame's channel (B, G, R). */
    private final MatVector planes;
    private final Scalar pad = new Scalar(PAD, PAD, PAD, 0);
    private final DirectPixels pixels = new DirectPixels();

    public LetterboxPreprocessor(int inputWidth, int inputHeight, ModelFamily family) {
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.family = family;
        int plane = inputWidth * inputHeight;
        this.tensor = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.canvas = new Mat(inputHeight, inputWidth, CV_8UC3);
        FloatPointer base = new FloatPointer(tensor);
        // BGR models take the frame's channels as they are; RGB models get blue in the last plane, red in the first
        boolean bgr = family.channelOrder() == ModelFamily.ChannelOrder.BGR;
        long blue = bgr ? 0 : 2L * plane;
        long red = bgr ? 2L * plane : 0;
        this.planes = new MatVector(
                new Mat(inputHeight, inputWidth, CV_32FC1, base.getPointer(blue)),
                new Mat(inputHeight, inputWidth, CV_32FC1, base.getPointer(plane)),
                new Mat(inputHeight, inputWidth, CV_32FC1, base.getPointer(red)));
    }

    /** The reusable input tensor (direct, native order), filled by {@link #prepare}. */
    public FloatBuffer tensor() {
        return tensor;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
    }

    /** Where a region of {@code regionW x regionH} lands in the model input. */
    public Letterbox placement(PixelRegion region) {
        double scale = Math.min((double) inputWidth / region.width(), (double) inputHeight / region.height());
        int newW = Math.clamp(Math.round(region.width() * scale), 1, inputWidth);
        int newH = Math.clamp(Math.round(region.height() * scale), 1, inputHeight);
        double padX = 0;
        double padY = 0;
        if (family.placement() == ModelFamily.Placement.CENTRED) {
            padX = (inputWidth - newW) / 2;
            padY = (inputHeight - newH) / 2;
        }
        // the scale of the pixels actually drawn (after rounding newW/newH), so the inverse mapping is exact
        return new Letterbox(region, (double) newW / region.width(), (double) newH / region.height(), padX, padY);
    }

    /**
     * Fills {@link #tensor()} from {@code region} of the frame.
     *
     * @param bgr packed BGR24, {@code width * height * 3} bytes from position 0 (heap or direct)
     */
    public Letterbox prepare(ByteBuffer bgr, int width, int height, PixelRegion region) {
        if (!region.fitsIn(width, height)) {
            throw new IllegalArgumentException("region " + region + " lies outside the " + width + "x" + height
                    + " frame");
        }
        Letterbox lb = placement(region);
        int newW = lb.resizedWidth();
        int newH = lb.resizedHeight();

        ByteBuffer direct = pixels.of(bgr, width * height * 3);
        canvas.put(pad);
        try (BytePointer data = new BytePointer(direct);
             Mat frame = new Mat(height, width, CV_8UC3, data);
             Rect r = new Rect(region.x(), region.y(), region.width(), region.height());
             Mat crop = frame.apply(r);
             Rect at = new Rect((int) lb.padX(), (int) lb.padY(), newW, newH);
             Mat target = canvas.apply(at);
             Size size = new Size(newW, newH)) {
            // the target is a view of the canvas of exactly this size and type, so resize writes into it in place
            opencv_imgproc.resize(crop, target, size, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        canvas.convertTo(canvasFloat, CV_32FC3, family.pixelScale(), 0);
        opencv_core.split(canvasFloat, planes);
        tensor.clear();
        return lb;
    }

    @Override
    public void close() {
        canvas.close();
        canvasFloat.close();
        planes.close();
        pad.close();
    }
}
