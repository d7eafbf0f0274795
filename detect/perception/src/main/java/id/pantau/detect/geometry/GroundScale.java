package id.pantau.detect.geometry;

import id.pantau.core.camera.config.Homography;
import id.pantau.core.perception.Point;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How many pixels a metre on the road spans at a point of the picture, from the camera's calibration (4+ image /
 * ground pairs). Used to predict how large a motorbike appears at each row, and so which parts of the frame need
 * tiles.
 *
 * <p>The mappings are the camera configuration's own {@link Homography}, fitted once each way (image to ground,
 * ground to image), so the tiles and the analytics read the same calibration the same way. The scale at a point is
 * the larger singular value of the ground-to-image Jacobian there, i.e. the least foreshortened direction, which is
 * also how upright objects (a rider) scale.
 */
public final class GroundScale {
    private final Homography toGround;
    private final Homography toImage;   // fitted with the roles swapped: its "ground" is the picture

    private GroundScale(Homography toGround, Homography toImage) {
        this.toGround = toGround;
        this.toImage = toImage;
    }

    /** @throws IllegalArgumentException when the points do not determine a homography */
    public static GroundScale fit(List<Point> image, List<Point> ground) {
        if (image.size() != ground.size() || image.size() < 4) {
            throw new IllegalArgumentException("calibration needs 4 or more image/ground point pairs, got "
                    + Math.min(image.size(), ground.size()));
        }
        try {
            return new GroundScale(Homography.fit(image, ground), Homography.fit(ground, image));
        } catch (Homography.DegenerateException e) {
            throw new IllegalArgumentException("calibration points do not determine a homography: " + e.getMessage(), e);
        }
    }

    /** Pixels per metre on the road at image point (x, y); empty above the horizon or where undefined. */
    public OptionalDouble pixelsPerMetre(double x, double y) {
        Optional<Point> g = toGround.toGround(new Point(x, y));
        if (g.isEmpty()) {
            return OptionalDouble.empty();
        }
        double e = 0.05;
        Optional<Point> p0 = toImage.toGround(g.get());
        Optional<Point> px = toImage.toGround(new Point(g.get().x() + e, g.get().y()));
        Optional<Point> py = toImage.toGround(new Point(g.get().x(), g.get().y() + e));
        if (p0.isEmpty() || px.isEmpty() || py.isEmpty()) {
            return OptionalDouble.empty();
        }
        double a = (px.get().x() - p0.get().x()) / e;
        double c = (px.get().y() - p0.get().y()) / e;
        double b = (py.get().x() - p0.get().x()) / e;
        double d = (py.get().y() - p0.get().y()) / e;
        // larger singular value of [[a b][c d]]
        double s1 = a * a + b * b + c * c + d * d;
        double det = a * d - b * c;
        double sigma = Math.sqrt((s1 + Math.sqrt(Math.max(0, s1 * s1 - 4 * det * det))) / 2);
        return Double.isFinite(sigma) && sigma > 0 ? OptionalDouble.of(sigma) : OptionalDouble.empty();
    }
}
