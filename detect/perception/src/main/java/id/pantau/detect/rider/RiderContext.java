package id.pantau.detect.rider;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;

import java.util.List;

/**
 * What a camera knows about where people ride and where they walk, for {@link RiderMerger}'s decision on a
 * {@code person} with no two-wheeler under it. Both lists are polygons in frame pixels (from the camera
 * configuration: its lanes and zones for the roadway; crosswalks and pavements for walking). A ground point
 * (bottom centre of the box) in a walking polygon keeps the person a pedestrian even inside the roadway.
 *
 * @param roadway  where a person can only be on a vehicle (lanes, junction box); empty: no lone person is a rider
 *                 on a still frame (motion can still make one a rider on video)
 * @param walking  crosswalks, pavements, refuges: a person there stays a pedestrian
 */
public record RiderContext(List<List<Point>> roadway, List<List<Point>> walking) {
    public RiderContext {
        roadway = List.copyOf(roadway);
        walking = List.copyOf(walking);
    }

    /** No geometry: only persons seen on a two-wheeler (or moving at vehicle speed) become riders. */
    public static RiderContext none() {
        return new RiderContext(List.of(), List.of());
    }

    boolean inRoadway(BoundingBox b) {
        Point g = b.groundPoint();
        return roadway.stream().anyMatch(p -> inside(p, g)) && walking.stream().noneMatch(p -> inside(p, g));
    }

    /** Even-odd ray casting. */
    static boolean inside(List<Point> poly, Point q) {
        boolean in = false;
        for (int i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
            Point a = poly.get(i);
            Point b = poly.get(j);
            if ((a.y() > q.y()) != (b.y() > q.y())
                    && q.x() < (b.x() - a.x()) * (q.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }
}
