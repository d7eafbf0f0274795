package id.pantau.detect.preprocess;

import id.pantau.detect.model.ModelFamily;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Turns a region of a packed BGR24 frame into the model's input tensor (NCHW float, batch 1): resize keeping
 * the aspect ratio (OpenCV bilinear), paste on a canvas of 114 at the family's placement, reorder the channels and
 * scale the values as the family expects.
 *
 * <p>Not thread-safe: it owns reusable buffers (the tensor's direct FloatBuffer, a staging float array and OpenCV
 * Mats) so the hot path allocates nothing per frame; one instance per inference slot.
 */
public final class LetterboxPreprocessor implements AutoCloseable {
    private static final float PAD = 114f;

    private final int inputWidth;
    private final int inputHeight;
    private final ModelFamily family;
    private final FloatBuffer tensor;
    private final float[] staging;
    private final Mat resized = new Mat();
    private byte[] row = new byte[0];
    private final DirectPixels pixels = new DirectPixels();

    public LetterboxPreprocessor(int inputWidth, int inputHeight, ModelFamily family) {
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.family = family;
        int n = 3 * inputWidth * inputHeight;
        this.tensor = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.staging = new float[n];
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
        try (BytePointer data = new BytePointer(direct);
             Mat frame = new Mat(height, width, CV_8UC3, data);
             Rect r = new Rect(region.x(), region.y(), region.width(), region.height());
             Mat crop = frame.apply(r);
             Size size = new Size(newW, newH)) {
            opencv_imgproc.resize(crop, resized, size, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        fillTensor(newW, newH, (int) lb.padX(), (int) lb.padY());
        return lb;
    }

    private void fillTensor(int newW, int newH, int padX, int padY) {
        float scale = family.pixelScale();
        float pad = PAD * scale;
        java.util.Arrays.fill(staging, pad);
        int plane = inputWidth * inputHeight;
        // planes in the model's order: BGR models take the frame's bytes as they are, RGB models swap 0 and 2
        int p0 = family.channelOrder() == ModelFamily.ChannelOrder.BGR ? 0 : 2;
        int p2 = 2 - p0;
        int rowBytes = newW * 3;
        if (row.length < rowBytes) {
            row = new byte[rowBytes];
        }
        BytePointer px = resized.data();
        long step = resized.step();
        for (int y = 0; y < newH; y++) {
            px.position(y * step).get(row, 0, rowBytes);
            int base = (y + padY) * inputWidth + padX;
            for (int x = 0, i = 0; x < newW; x++, i += 3) {
                int o = base + x;
                staging[p0 * plane + o] = (row[i] & 0xff) * scale;
                staging[plane + o] = (row[i + 1] & 0xff) * scale;
                staging[p2 * plane + o] = (row[i + 2] & 0xff) * scale;
            }
        }
        px.position(0);
        tensor.clear();
        tensor.put(staging);
        tensor.flip();
    }

    @Override
    public void close() {
        resized.close();
    }
}
