package id.pantau.detect.plate.image;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Conversions between the project's image types and OpenCV BGR {@link Mat}s, plus the few warps plates need. */
public final class MatImages {
    private MatImages() {
    }

    /**
     * Largest picture read, in pixels (64 MP: a 9248 x 6936 phone photo still fits). A decoded picture costs
     * 3 bytes a pixel; a 20000 x 20000 one would take 1.2 GB before a plate is even looked for.
     */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    /**
     * Reads an image file as BGR; a clear error when the file is missing, not a picture, or larger than
     * {@link #MAX_PIXELS} (checked from the file's header before anything is decoded).
     */
    public static Mat read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + file + " does not exist or is not a file");
        }
        long[] size = headerSize(file);
        if (size != null && size[0] * size[1] > MAX_PIXELS) {
            throw new IllegalArgumentException("image " + file + " is " + size[0] + "x" + size[1]
                    + " pixels, more than the " + MAX_PIXELS / (1024 * 1024) + " MP this reader decodes: scale it down");
        }
        Mat m = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR);
        if (m == null || m.empty()) {
            throw new IllegalArgumentException("image " + file
                    + " could not be decoded: use a JPEG, PNG, BMP or WebP picture");
        }
        return m;
    }

    /** Width and height from the file's header (no pixels decoded), or null when no reader knows the format. */
    static long[] headerSize(Path file) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            java.util.Iterator<javax.imageio.ImageReader> readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new long[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;        // a broken header: OpenCV's decoder gives the error below
        }
    }

    /** Copies a frame's BGR24 pixels into a new Mat (the frame's buffer stays untouched). */
    public static Mat of(VideoFrame frame) {
        Mat m = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC3);
        m.data().put(frame.toByteArray());
        return m;
    }

    /** Copies only the pixels inside the box (clipped to the frame), row by row out of the frame's buffer. */
    public static Mat crop(VideoFrame frame, BoundingBox box) {
        BoundingBox b = box.clip(frame.width(), frame.height());
        int x = (int) Math.floor(b.x1()), y = (int) Math.floor(b.y1());
        int w = Math.max(1, Math.min(frame.width() - x, (int) Math.ceil(b.x2()) - x));
        int h = Math.max(1, Math.min(frame.height() - y, (int) Math.ceil(b.y2()) - y));
        java.nio.ByteBuffer px = frame.pixels();
        int first = px.position();      // absolute indices below: the frame's pixels may start inside the buffer
        byte[] out = new byte[w * h * 3];
        int stride = frame.width() * 3;
        for (int row = 0; row < h; row++) {
            px.get(first + (y + row) * stride + x * 3, out, row * w * 3, w * 3);
        }
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        m.data().put(out);
        return m;
    }

    public static Mat of(BufferedImage image) {
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(image, 0, 0, null);
        }
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), opencv_core.CV_8UC3);
        m.data().put(px);
        return m;
    }

    public static BufferedImage toBufferedImage(Mat bgr) {
        Mat c = bgr.isContinuous() ? bgr : bgr.clone();
        BufferedImage out = new BufferedImage(c.cols(), c.rows(), BufferedImage.TYPE_3BYTE_BGR);
        c.data().get(((DataBufferByte) out.getRaster().getDataBuffer()).getData());
        return out;
    }

    /** The part of the image inside the box (clipped to the image), as an independent copy. */
    public static Mat crop(Mat image, BoundingBox box) {
        BoundingBox b = box.clip(image.cols(), image.rows());
        int x = (int) Math.floor(b.x1()), y = (int) Math.floor(b.y1());
        int w = Math.max(1, Math.min(image.cols() - x, (int) Math.ceil(b.x2()) - x));
        int h = Math.max(1, Math.min(image.rows() - y, (int) Math.ceil(b.y2()) - y));
        try (Rect r = new Rect(x, y, w, h); Mat view = new Mat(image, r)) {
            return view.clone();
        }
    }

    /** Warps the quad to an upright {@code width x height} rectangle (perspective rectification). */
    public static Mat warp(Mat image, Quad quad, int width, int height) {
        try (Mat src = new Mat(4, 2, opencv_core.CV_32F); Mat dst = new Mat(4, 2, opencv_core.CV_32F)) {
            FloatBuffer s = src.createBuffer();
            quad.corners().forEach(p -> s.put((float) p.x()).put((float) p.y()));
            FloatBuffer d = dst.createBuffer();
            d.put(new float[]{0, 0, width, 0, width, height, 0, height});
            try (Mat transform = opencv_imgproc.getPerspectiveTransform(src, dst); Size size = new Size(width, height)) {
                Mat out = new Mat();
                opencv_imgproc.warpPerspective(image, out, transform, size, opencv_imgproc.INTER_CUBIC,
                        opencv_core.BORDER_REPLICATE, new Scalar());
                return out;
            }
        }
    }

    public static Mat resize(Mat image, int width, int height) {
        Mat out = new Mat();
        try (Size size = new Size(width, height)) {
            int interpolation = width < image.cols() ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR;
            opencv_imgproc.resize(image, out, size, 0, 0, interpolation);
        }
        return out;
    }

    /** The pixels as a byte array, row-major BGR. */
    public static byte[] bytes(Mat bgr) {
        Mat c = bgr.isContinuous() ? bgr : bgr.clone();
        byte[] px = new byte[(int) (c.total() * c.channels())];
        try (BytePointer data = c.data()) {
            data.get(px);
        }
        return px;
    }

    /**
     * Planar CHW floats from a BGR image: {@code (value / 255 - mean[c]) / std[c]} per channel, channels in
     * {@code order} (indices into B,G,R). The caller sizes {@code out} and may place the image in a larger canvas.
     */
    public static void toChw(Mat bgr, int[] order, float scale, float[] mean, float[] std, float[] out,
                             int canvasWidth, int canvasHeight) {
        byte[] px = bytes(bgr);
        int w = bgr.cols(), h = bgr.rows(), plane = canvasWidth * canvasHeight;
        for (int c = 0; c < 3; c++) {
            int src = order[c];
            float m = mean[c], sd = std[c];
            for (int y = 0; y < h; y++) {
                int row = y * w * 3, base = c * plane + y * canvasWidth;
                for (int x = 0; x < w; x++) {
                    out[base + x] = ((px[row + x * 3 + src] & 0xff) * scale - m) / sd;
                }
            }
        }
    }
}
