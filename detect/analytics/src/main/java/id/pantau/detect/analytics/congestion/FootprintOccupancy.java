package id.pantau.detect.analytics.congestion;

import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * The share of a zone covered by vehicle footprints, in the image. A vehicle's footprint is approximated by the
 * lower half of its box (the upper half of a bus or truck hides road behind it without occupying it). Boxes are
 * unioned, not summed, by sampling the zone on a fixed pixel grid: exact enough (the grid is fine next to a
 * vehicle) and simple, with no polygon clipping.
 */
public final class FootprintOccupancy {
    static final int STEP_PX = 4;

    private final float[] xs;
    private final float[] ys;

    public FootprintOccupancy(List<Point> polygon) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point p : polygon) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        List<Point> inside = new ArrayList<>();
        for (double y = minY + STEP_PX / 2.0; y < maxY; y += STEP_PX) {
            for (double x = minX + STEP_PX / 2.0; x < maxX; x += STEP_PX) {
                Point p = new Point(x, y);
                if (PlaneGeometry.contains(polygon, p)) {
                    inside.add(p);
                }
            }
        }
        xs = new float[inside.size()];
        ys = new float[inside.size()];
        for (int i = 0; i < inside.size(); i++) {
            xs[i] = (float) inside.get(i).x();
            ys[i] = (float) inside.get(i).y();
        }
    }

    /** Occupied share of the zone in percent. */
    public double percent(List<BoundingBox> vehicleBoxes) {
        if (xs.length == 0 || vehicleBoxes.isEmpty()) {
            return 0;
        }
        int covered = 0;
        for (int i = 0; i < xs.length; i++) {
            for (BoundingBox b : vehicleBoxes) {
                double top = b.y1() + b.height() / 2;
                if (xs[i] >= b.x1() && xs[i] <= b.x2() && ys[i] >= top && ys[i] <= b.y2()) {
                    covered++;
                    break;
                }
            }
        }
        return 100.0 * covered / xs.length;
    }
}
