package id.pantau.detect.motion;

import id.pantau.core.frame.GreyPlane;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.preprocess.DirectPixels;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * Decides per frame whether the detector must run, Frigate-style: OpenCV's MOG2 background model on a small grey
 * copy of the frame (the decoder's luma plane when the frame carries one, else derived from its BGR pixels); if too few pixels inside the regions of interest changed, the frame is skipped (the tracker
 * predicts instead), except that a detection is forced at least every {@code forceEvery} frames.
 *
 * <p>One gate per camera (the background model is the camera's); not thread-safe.
 */
public final class MotionGate implements AutoCloseable {
    /** MOG2 marks shadows 127 and foreground 255: shadows are not motion. */
    private static final double FOREGROUND = 200;

    private final MotionSettings settings;
    private final BackgroundSubtractorMOG2 mog2;
    private final DirectPixels pixels = new DirectPixels();
    private final Mat small = new Mat();
    private final Mat grey = new Mat();
    private final Mat foreground = new Mat();
    private final Mat binary = new Mat();
    private final Mat kernel;
    private Mat roiMask;
    private double roiPixels;
    private int framesSinceDetection = Integer.MAX_VALUE / 2;
    private double lastChangedFraction;

    public MotionGate(MotionSettings settings) {
        this.settings = settings;
        this.mog2 = opencv_video.createBackgroundSubtractorMOG2(settings.history(), settings.varThreshold(), true);
        this.kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(3, 3));
    }

    /** Feeds the frame to the background model and says whether the detector should run on it. */
    public boolean needsDetection(VideoFrame frame) {
        double changed = changedFraction(frame);
        lastChangedFraction = changed;
        boolean detect = changed >= settings.minChangedFraction()
                || framesSinceDetection + 1 >= settings.forceEvery();
        framesSinceDetection = detect ? 0 : framesSinceDetection + 1;
        return detect;
    }

    /** Fraction of the regions' pixels that changed in the last frame seen (for logs and tests). */
    public double lastChangedFraction() {
        return lastChangedFraction;
    }

    double changedFraction(VideoFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int sw = Math.min(settings.workWidth(), w);
        int sh = Math.max(1, (int) Math.round((double) h * sw / w));
        GreyPlane luma = frame.luma();
        if (luma != null && luma.width() >= sw && luma.pixels().isDirect()) {
            // the decoder's brightness, already small: no 2.8 MB BGR resize and colour conversion per frame
            try (BytePointer data = new BytePointer(luma.view());
                 Mat plane = new Mat(luma.height(), luma.width(), CV_8UC1, data)) {
                if (luma.width() == sw && luma.height() == sh) {
                    plane.copyTo(grey);
                } else {
                    try (Size size = new Size(sw, sh)) {
                        opencv_imgproc.resize(plane, grey, size, 0, 0, opencv_imgproc.INTER_AREA);
                    }
                }
            }
        } else {
            try (BytePointer data = new BytePointer(pixels.of(frame.pixels(), frame.byteSize()));
                 Mat bgr = new Mat(h, w, CV_8UC3, data);
                 Size size = new Size(sw, sh)) {
                opencv_imgproc.resize(bgr, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
            opencv_imgproc.cvtColor(small, grey, opencv_imgproc.COLOR_BGR2GRAY);
        }
        mog2.apply(grey, foreground, -1);
        opencv_imgproc.threshold(foreground, binary, FOREGROUND, 255, opencv_imgproc.THRESH_BINARY);
        // one erosion drops single-pixel noise (sensor noise, compression artefacts) before counting
        opencv_imgproc.erode(binary, binary, kernel);
        Mat mask = mask(sw, sh);
        if (mask != null) {
            opencv_core.bitwise_and(binary, mask, binary);
        }
        return opencv_core.countNonZero(binary) / (mask == null ? (double) sw * sh : roiPixels);
    }

    private Mat mask(int sw, int sh) {
        if (settings.regions().isEmpty()) {
            return null;
        }
        if (roiMask == null || roiMask.cols() != sw || roiMask.rows() != sh) {
            if (roiMask != null) {
                roiMask.close();
            }
            roiMask = new Mat(sh, sw, CV_8UC1, new Scalar(0));
            for (RegionOfInterest r : settings.regions()) {
                opencv_imgproc.rectangle(roiMask,
                        new Point((int) Math.floor(r.x() * sw), (int) Math.floor(r.y() * sh)),
                        new Point((int) Math.ceil((r.x() + r.width()) * sw) - 1,
                                (int) Math.ceil((r.y() + r.height()) * sh) - 1),
                        new Scalar(255), opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            }
            roiPixels = Math.max(1, opencv_core.countNonZero(roiMask));
        }
        return roiMask;
    }

    @Override
    public void close() {
        mog2.close();
        small.close();
        grey.close();
        foreground.close();
        binary.close();
        kernel.close();
        if (roiMask != null) {
            roiMask.close();
        }
    }
}
