package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import id.pantau.core.perception.Point;

/** A point written as a two-element JSON array {@code [x, y]}: pixels in the image, metres on the ground. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"x", "y"})
public record XY(double x, double y) {
    public Point toPoint() {
        return new Point(x, y);
    }

    public static XY of(Point p) {
        return new XY(p.x(), p.y());
    }

    @Override
    public String toString() {
        return "[" + fmt(x) + ", " + fmt(y) + "]";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
