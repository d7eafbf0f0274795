package id.pantau.detect.plate.ocr;

import id.pantau.core.perception.Point;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.image.Quad;
import id.pantau.detect.runtime.OnnxModel;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Size2f;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PP-OCR's DB text detector: a probability map of "text here", thresholded, each blob turned into a rotated
 * rectangle and grown ("unclipped") because DB is trained to predict a shrunk text kernel.
 *
 * <p>Pre-processing as PaddleOCR: the image in OpenCV's BGR order, {@code (x/255 - mean) / std} with the ImageNet
 * mean and std, sides rounded to multiples of 32.
 */
public final class TextLineDetector {
    private static final int[] BGR = {0, 1, 2};
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OnnxModel model;
    private final double pixelThreshold;
    private final double boxThreshold;
    private final double unclipRatio;

    public TextLineDetector(OnnxModel model) {
        this(model, 0.3, 0.5, 1.5);
    }

    public TextLineDetector(OnnxModel model, double pixelThreshold, double boxThreshold, double unclipRatio) {
        this.model = model;
        this.pixelThreshold = pixelThreshold;
        this.boxThreshold = boxThreshold;
        this.unclipRatio = unclipRatio;
    }

    /** Text lines in the image, in the image's pixels. */
    public List<TextLine> detect(Mat bgr) {
        int w = round32(bgr.cols()), h = round32(bgr.rows());
        float[] input = new float[3 * w * h];
        try (Mat resized = MatImages.resize(bgr, w, h)) {
            MatImages.toChw(resized, BGR, 1f / 255, MEAN, STD, input, w, h);
        }
        OnnxModel.Tensor out = model.run("x", input, 1, 3, h, w);
        float[] prob = out.values();
        double sx = (double) bgr.cols() / w, sy = (double) bgr.rows() / h;
        List<TextLine> lines = new ArrayList<>();
        try (Mat bitmap = new Mat(h, w, opencv_core.CV_8UC1); MatVector contours = new MatVector()) {
            byte[] bits = new byte[w * h];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = prob[i] > pixelThreshold ? (byte) 255 : 0;
            }
            bitmap.data().put(bits);
            opencv_imgproc.findContours(bitmap, contours, opencv_imgproc.RETR_LIST, opencv_imgproc.CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Mat contour = contours.get(i); RotatedRect rect = opencv_imgproc.minAreaRect(contour)) {
                    Size2f size = rect.size();
                    if (Math.min(size.width(), size.height()) < 3) {
                        continue;
                    }
                    Quad kernel = quad(rect);
                    double score = meanInside(prob, w, h, kernel);
                    if (score < boxThreshold) {
                        continue;
                    }
                    // DB predicts a shrunk kernel: grow it by area * ratio / perimeter on every side
                    double area = size.width() * size.height();
                    double distance = area * unclipRatio / (2 * (size.width() + size.height()));
                    try (Size2f grown = new Size2f(size.width() + 2 * (float) distance,
                            size.height() + 2 * (float) distance);
                         RotatedRect unclipped = new RotatedRect(rect.center(), grown, rect.angle())) {
                        Quad q = quad(unclipped);
                        lines.add(new TextLine(scale(q, sx, sy), score));
                    }
                }
            }
        }
        return lines;
    }

    private static int round32(int v) {
        return Math.max(32, Math.round(v / 32f) * 32);
    }

    private static Quad quad(RotatedRect rect) {
        try (Mat pts = new Mat()) {
            opencv_imgproc.boxPoints(rect, pts);
            FloatBuffer f = pts.createBuffer();
            List<Point> corners = new ArrayList<>(4);
            for (int k = 0; k < 4; k++) {
                corners.add(new Point(f.get(2 * k), f.get(2 * k + 1)));
            }
            return Quad.ofCorners(corners);
        }
    }

    private static Quad scale(Quad q, double sx, double sy) {
        return new Quad(new Point(q.topLeft().x() * sx, q.topLeft().y() * sy),
                new Point(q.topRight().x() * sx, q.topRight().y() * sy),
                new Point(q.bottomRight().x() * sx, q.bottomRight().y() * sy),
                new Point(q.bottomLeft().x() * sx, q.bottomLeft().y() * sy));
    }

    /**
     * Mean probability inside the kernel's rotated rectangle: PaddleOCR's box score (the mean under the box's
     * polygon mask). Averaging over the axis-aligned bounding box instead drowned every tilted line in background:
     * a plate turned by 8 degrees, as motorbike plates usually are, scored 0.3 instead of 0.85 and was dropped.
     */
    static double meanInside(float[] prob, int w, int h, Quad kernel) {
        var b = kernel.bounds().clip(w - 1, h - 1);
        List<Point> c = kernel.corners();
        double sum = 0;
        int n = 0;
        for (int y = (int) b.y1(); y <= (int) b.y2(); y++) {
            for (int x = (int) b.x1(); x <= (int) b.x2(); x++) {
                if (inside(c, x + 0.5, y + 0.5)) {
                    sum += prob[y * w + x];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Inside a convex polygon when the point is on the same side of every edge (either winding). */
    private static boolean inside(List<Point> poly, double x, double y) {
        int sign = 0;
        for (int i = 0; i < poly.size(); i++) {
            Point a = poly.get(i), b = poly.get((i + 1) % poly.size());
            double cross = (b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x());
            int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    return false;
                }
                sign = s;
            }
        }
        return true;
    }
}
