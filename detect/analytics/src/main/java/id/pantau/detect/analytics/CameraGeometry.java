package id.pantau.detect.analytics;

import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.Homography;
import id.pantau.core.perception.Point;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A validated configuration with what is derived from it once per version: the ground-plane homography.
 * Every analytics component of one configuration version shares one instance.
 */
public final class CameraGeometry {
    private final CameraConfig config;
    private final Homography homography;

    public CameraGeometry(CameraConfig config) {
        this.config = config;
        try {
            this.homography = Homography.fit(
                    config.calibration().points().stream().map(p -> p.image().toPoint()).toList(),
                    config.calibration().points().stream().map(p -> p.groundM().toPoint()).toList());
        } catch (Homography.DegenerateException e) {
            // The loader rejects such configurations; reaching this means an unvalidated one was passed in.
            throw new IllegalArgumentException("camera " + config.camera() + " v" + config.version()
                    + ": calibration is degenerate (" + e.getMessage() + "); validate with CameraConfigLoader", e);
        }
    }

    public CameraConfig config() {
        return config;
    }

    public String camera() {
        return config.camera();
    }

    public int version() {
        return config.versionOrZero();
    }

    /** Ground position in metres of an image point, empty above the horizon. */
    public Optional<Point> toGround(Point image) {
        return homography.toGround(image);
    }

    public OffsetDateTime localTime(Instant t) {
        return t.atZone(config.zoneId()).toOffsetDateTime();
    }
}
