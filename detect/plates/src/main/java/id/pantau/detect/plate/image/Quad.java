package id.pantau.detect.plate.image;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A four-cornered region (a plate or a text line seen at an angle), corners in the order top-left, top-right,
 * bottom-right, bottom-left so that warping it to a rectangle never mirrors or turns the text.
 */
public record Quad(Point topLeft, Point topRight, Point bottomRight, Point bottomLeft) {

    /**
     * Orders four corners given in any order (detectors disagree on their corner order). The corners are put in
     * clockwise order around their centre, then the top edge is the one pointing most nearly rightwards: right for
     * any plate or text line turned less than 45 degrees, however long. (Taking the two highest corners as the top
     * fails for a long line: the right end of a 134 x 20 line turned by 8 degrees is lower than its left bottom.)
     */
    public static Quad ofCorners(List<Point> corners) {
        if (corners.size() != 4) {
            throw new IllegalArgumentException("a quad needs 4 corners, got " + corners.size());
        }
        double cx = corners.stream().mapToDouble(Point::x).average().orElseThrow();
        double cy = corners.stream().mapToDouble(Point::y).average().orElseThrow();
        Point[] ring = corners.toArray(Point[]::new);
        // with y pointing down, a growing angle turns clockwise on the screen
        Arrays.sort(ring, Comparator.comparingDouble(p -> Math.atan2(p.y() - cy, p.x() - cx)));
        int start = 0;
        double best = -Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            Point a = ring[i], b = ring[(i + 1) % 4];
            double length = a.distanceTo(b);
            double rightwards = length == 0 ? -1 : (b.x() - a.x()) / length;
            if (rightwards > best + 1e-9) {
                best = rightwards;
                start = i;
            }
        }
        return new Quad(ring[start], ring[(start + 1) % 4], ring[(start + 2) % 4], ring[(start + 3) % 4]);
    }

    public static Quad of(BoundingBox b) {
        return new Quad(new Point(b.x1(), b.y1()), new Point(b.x2(), b.y1()), new Point(b.x2(), b.y2()),
                new Point(b.x1(), b.y2()));
    }

    public List<Point> corners() {
        return List.of(topLeft, topRight, bottomRight, bottomLeft);
    }

    /** Width of the rectangle this quad is warped to: the longer of its top and bottom edges. */
    public double width() {
        return Math.max(topLeft.distanceTo(topRight), bottomLeft.distanceTo(bottomRight));
    }

    public double height() {
        return Math.max(topLeft.distanceTo(bottomLeft), topRight.distanceTo(bottomRight));
    }

    public BoundingBox bounds() {
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        for (Point p : corners()) {
            x1 = Math.min(x1, p.x());
            y1 = Math.min(y1, p.y());
            x2 = Math.max(x2, p.x());
            y2 = Math.max(y2, p.y());
        }
        return new BoundingBox(x1, y1, x2, y2);
    }

    /** Grows the quad about its centre: {@code dx} of its width on each side, {@code dy} of its height. */
    public Quad expand(double dx, double dy) {
        double cx = 0, cy = 0;
        for (Point p : corners()) {
            cx += p.x() / 4;
            cy += p.y() / 4;
        }
        double fx = 1 + 2 * dx, fy = 1 + 2 * dy;
        // scale along the quad's own axes approximately by scaling offsets from the centre
        return new Quad(scale(topLeft, cx, cy, fx, fy), scale(topRight, cx, cy, fx, fy),
                scale(bottomRight, cx, cy, fx, fy), scale(bottomLeft, cx, cy, fx, fy));
    }

    public Quad translate(double x, double y) {
        return new Quad(add(topLeft, x, y), add(topRight, x, y), add(bottomRight, x, y), add(bottomLeft, x, y));
    }

    public Quad scale(double f) {
        return new Quad(mul(topLeft, f), mul(topRight, f), mul(bottomRight, f), mul(bottomLeft, f));
    }

    private static Point scale(Point p, double cx, double cy, double fx, double fy) {
        return new Point(cx + (p.x() - cx) * fx, cy + (p.y() - cy) * fy);
    }

    private static Point add(Point p, double x, double y) {
        return new Point(p.x() + x, p.y() + y);
    }

    private static Point mul(Point p, double f) {
        return new Point(p.x() * f, p.y() * f);
    }
}
