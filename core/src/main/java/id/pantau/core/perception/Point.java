package id.pantau.core.perception;

/** A point in image pixels (or metres, on the ground plane, where a method says so). */
public record Point(double x, double y) {
    public double distanceTo(Point o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
