package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.camera.config.CameraConfigValidator;
import id.pantau.core.camera.config.ConfigError;
import id.pantau.core.camera.config.Homography;
import id.pantau.core.camera.config.InvalidCameraConfigException;
import id.pantau.core.perception.Point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editor's calibration tool asks here, before anything is saved, how well four or more image points with their
 * measured ground positions fit one ground plane: the same {@link Homography} the pipeline uses is fitted and each
 * point's distance between its measured and its fitted ground position is returned, so the operator sees which
 * measurement is off. A set that does not determine a plane (fewer than 4, three on one line, a point twice) is a
 * 400 {@code invalid_config} with the field errors the save would give, so the page shows the same words.
 */
final class CalibrationCheck {
    private CalibrationCheck() {
    }

    static Map<String, Object> check(JsonNode body) throws InvalidCameraConfigException {
        JsonNode pts = body == null ? null : body.get("points");
        if (pts == null || !pts.isArray()) {
            throw invalid("points", "missing", Map.of(), "give {\"points\": [{\"image\": [x, y], \"ground_m\": [x, y]}, ...]}");
        }
        List<Point> image = new ArrayList<>();
        List<Point> ground = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            image.add(point(pts.get(i).get("image"), "points[" + i + "].image"));
            ground.add(point(pts.get(i).get("ground_m"), "points[" + i + "].ground_m"));
        }
        if (image.size() < 4) {
            throw invalid("points", "calibration_too_few", Map.of("count", image.size()),
                    "needs at least 4 points (image position + ground position in metres), got " + image.size());
        }
        Homography h;
        try {
            h = Homography.fit(image, ground);
        } catch (Homography.DegenerateException e) {
            throw invalid("points", "calibration_degenerate", Map.of(), "degenerate homography: " + e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        double max = 0;
        double sumSq = 0;
        for (int i = 0; i < image.size(); i++) {
            Point fitted = h.toGround(image.get(i)).orElse(null);
            double error = fitted == null ? Double.POSITIVE_INFINITY : fitted.distanceTo(ground.get(i));
            max = Math.max(max, error);
            sumSq += error * error;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("fitted_m", fitted == null ? null : List.of(round(fitted.x()), round(fitted.y())));
            p.put("error_m", Double.isFinite(error) ? round(error) : null);   // null: the point maps behind the horizon
            out.add(p);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("points", out);
        r.put("max_error_m", Double.isFinite(max) ? round(max) : null);
        r.put("rms_m", Double.isFinite(sumSq) ? round(Math.sqrt(sumSq / image.size())) : null);
        r.put("limit_m", CameraConfigValidator.MAX_CALIBRATION_RESIDUAL_M);
        r.put("ok", Double.isFinite(max) && max <= CameraConfigValidator.MAX_CALIBRATION_RESIDUAL_M);
        return r;
    }

    private static Point point(JsonNode n, String field) throws InvalidCameraConfigException {
        if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            throw invalid(field, "not_a_point", Map.of(), "give [x, y] as two numbers");
        }
        return new Point(n.get(0).asDouble(), n.get(1).asDouble());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static InvalidCameraConfigException invalid(String field, String code, Map<String, Object> params, String message) {
        return new InvalidCameraConfigException("calibration check", List.of(new ConfigError(field, message, code, params)));
    }
}
