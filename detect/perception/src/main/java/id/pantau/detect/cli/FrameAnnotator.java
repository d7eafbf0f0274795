package id.pantau.detect.cli;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.preprocess.DirectPixels;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Draws boxes with class, score and track id on a copy of a frame and writes it as JPEG or PNG (by extension). */
public final class FrameAnnotator {
    private final DirectPixels pixels = new DirectPixels();

    /** One box to draw. */
    public record Label(RoadUserClass roadUser, float score, double x1, double y1, double x2, double y2, Long track) {
    }

    public void write(VideoFrame frame, List<Label> labels, Path file) {
        try (BytePointer data = new BytePointer(pixels.of(frame.pixels(), frame.byteSize()));
             Mat view = new Mat(frame.height(), frame.width(), CV_8UC3, data);
             Mat canvas = view.clone()) {
            for (Label l : labels) {
                Scalar colour = colour(l.roadUser());
                opencv_imgproc.rectangle(canvas, new Point((int) l.x1(), (int) l.y1()),
                        new Point((int) l.x2(), (int) l.y2()), colour, 2, opencv_imgproc.LINE_8, 0);
                String text = l.roadUser().label() + String.format(" %.2f", l.score())
                        + (l.track() == null ? "" : " #" + l.track());
                int y = Math.max(12, (int) l.y1() - 4);
                opencv_imgproc.putText(canvas, text, new Point((int) l.x1(), y), opencv_imgproc.FONT_HERSHEY_SIMPLEX,
                        0.45, colour, 1, opencv_imgproc.LINE_AA, false);
            }
            if (!opencv_imgcodecs.imwrite(file.toAbsolutePath().toString(), canvas) || !Files.isRegularFile(file)) {
                throw new IllegalStateException("could not write the annotated image " + file.toAbsolutePath()
                        + "; check the --annotate folder is writable");
            }
        }
    }

    /** BGR colours, one per class, chosen to stay readable on road scenes. */
    private static Scalar colour(RoadUserClass c) {
        return switch (c) {
            case CAR -> new Scalar(0, 200, 0, 0);
            case MOTORCYCLE -> new Scalar(0, 165, 255, 0);
            case BUS -> new Scalar(0, 0, 230, 0);
            case TRUCK -> new Scalar(200, 0, 200, 0);
            case BICYCLE -> new Scalar(230, 200, 0, 0);
            case PERSON -> new Scalar(255, 80, 0, 0);
        };
    }
}
