package id.pantau.core.camera.config;

import id.pantau.core.perception.Point;

import java.util.List;
import java.util.Optional;

/** The few 2-D primitives the configuration and the analytics need: polygons, segments, sides. */
public final class PlaneGeometry {
    private PlaneGeometry() {
    }

    /** z of (b - a) x (p - a): positive on one side of a->b, negative on the other, 0 on the line. */
    public static double cross(Point a, Point b, Point p) {
        return (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
    }

    /** Signed distance of p from the infinite line through a and b (pixels), same sign convention as cross. */
    public static double signedDistance(Point a, Point b, Point p) {
        double len = a.distanceTo(b);
        return len == 0 ? 0 : cross(a, b, p) / len;
    }

    /** Where p projects on segment a-b, as a fraction of its length (0 at a, 1 at b). */
    public static double projection(Point a, Point b, Point p) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len2 = dx * dx + dy * dy;
        return len2 == 0 ? 0 : ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2;
    }

    public static boolean segmentsCross(Point p1, Point p2, Point q1, Point q2) {
        double d1 = cross(q1, q2, p1);
        double d2 = cross(q1, q2, p2);
        double d3 = cross(p1, p2, q1);
        double d4 = cross(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
                || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2));
    }

    private static boolean onSegment(Point a, Point b, Point p) {
        return Math.min(a.x(), b.x()) <= p.x() && p.x() <= Math.max(a.x(), b.x())
                && Math.min(a.y(), b.y()) <= p.y() && p.y() <= Math.max(a.y(), b.y());
    }

    /** The first pair of non-adjacent edges (i, j) that cross, if any; edge i runs from vertex i to i+1. */
    public static Optional<int[]> firstSelfIntersection(List<Point> poly) {
        int n = poly.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent) {
                    continue;
                }
                if (segmentsCross(poly.get(i), poly.get((i + 1) % n), poly.get(j), poly.get((j + 1) % n))) {
                    return Optional.of(new int[]{i, j});
                }
            }
        }
        return Optional.empty();
    }

    /** Shoelace area (absolute). */
    public static double area(List<Point> poly) {
        double s = 0;
        int n = poly.size();
        for (int i = 0; i < n; i++) {
            Point a = poly.get(i);
            Point b = poly.get((i + 1) % n);
            s += a.x() * b.y() - b.x() * a.y();
        }
        return Math.abs(s) / 2;
    }

    /** Even-odd ray casting. */
    public static boolean contains(List<Point> poly, Point p) {
        boolean inside = false;
        int n = poly.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point a = poly.get(i);
            Point b = poly.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
