package id.pantau.detect.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import id.pantau.core.perception.Point;
import id.pantau.detect.model.DetectorSetupException;
import id.pantau.detect.runtime.ExecutionProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the detect stage reads from a camera configuration JSON (docs/camera-config.md): the camera id, frame
 * size, calibration points, zone and lane polygons, and the {@code detector} profile ({@link DetectorProfile}).
 * Only these fields are looked at; the camera configuration loader validates the rest. Every problem is a
 * {@link DetectorSetupException} naming the camera, the file and the field.
 */
public record CameraDetectorConfig(String camera, int width, int height, List<Point> calibrationImage,
                                   List<Point> calibrationGround, List<List<Point>> zones,
                                   List<List<Point>> walking, DetectorProfile profile) {
    private static final Set<String> DETECTOR_FIELDS = Set.of("model", "family", "accept_licence", "input_size",
            "tiles", "min_object_px", "max_tiles", "max_magnification", "tile_every", "rate_fps", "provider",
            "riders", "walking");

    public CameraDetectorConfig {
        calibrationImage = List.copyOf(calibrationImage);
        calibrationGround = List.copyOf(calibrationGround);
        zones = List.copyOf(zones);
        walking = List.copyOf(walking);
    }

    public CameraDetectorConfig withProfile(DetectorProfile p) {
        return new CameraDetectorConfig(camera, width, height, calibrationImage, calibrationGround, zones, walking, p);
    }

    public boolean calibrated() {
        return calibrationImage.size() >= 4;
    }

    public static CameraDetectorConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DetectorSetupException("camera configuration " + file.toAbsolutePath() + " cannot be read: "
                    + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new DetectorSetupException("camera configuration " + file.toAbsolutePath() + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        return parse(root, file.toString());
    }

    public static CameraDetectorConfig parse(JsonNode root, String source) {
        String camera = root.path("camera").asText("");
        Errors err = new Errors(camera.isEmpty() ? "?" : camera, source);
        if (camera.isEmpty()) {
            throw err.at("camera", "missing: the camera id names the camera in every error and event");
        }
        int w = root.path("frame").path("width").asInt(0);
        int h = root.path("frame").path("height").asInt(0);
        if (w <= 0 || h <= 0) {
            throw err.at("frame", "needs a positive width and height, got " + root.path("frame"));
        }
        List<Point> img = new ArrayList<>();
        List<Point> ground = new ArrayList<>();
        JsonNode pts = root.path("calibration").path("points");
        for (int i = 0; i < pts.size(); i++) {
            img.add(point(pts.get(i).path("image"), err, "calibration.points[" + i + "].image", w, h));
            ground.add(point(pts.get(i).path("ground_m"), err, "calibration.points[" + i + "].ground_m", -1, -1));
        }
        List<List<Point>> zones = new ArrayList<>();
        for (String list : List.of("zones", "lanes")) {
            JsonNode arr = root.path(list);
            for (int i = 0; i < arr.size(); i++) {
                zones.add(polygon(arr.get(i).path("polygon"), err, list + "[" + i + "].polygon", w, h));
            }
        }
        JsonNode d = root.path("detector");
        List<List<Point>> walking = new ArrayList<>();
        DetectorProfile p = DetectorProfile.defaults();
        if (!d.isMissingNode()) {
            if (!d.isObject()) {
                throw err.at("detector", "must be an object");
            }
            for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!DETECTOR_FIELDS.contains(f)) {
                    throw err.at("detector." + f, "unknown field (known: " + String.join(", ",
                            DETECTOR_FIELDS.stream().sorted().toList()) + ")");
                }
            }
            String tiles = d.path("tiles").isArray() ? "boxes" : d.path("tiles").asText("none").trim();
            List<int[]> boxes = new ArrayList<>();
            if (tiles.equals("boxes")) {
                JsonNode arr = d.path("tiles");
                for (int i = 0; i < arr.size(); i++) {
                    boxes.add(box(arr.get(i), err, "detector.tiles[" + i + "]", w, h));
                }
            } else if (!tiles.equals("none") && !tiles.equals("geometry") && !tiles.matches("\\d+x\\d+")) {
                throw err.at("detector.tiles", "'" + tiles + "' must be none, geometry, a grid like 3x3 or a list"
                        + " of [x1, y1, x2, y2] boxes");
            }
            if (tiles.equals("geometry") && img.size() < 4) {
                throw err.at("detector.tiles", "geometry tiles need the camera's calibration (calibration.points,"
                        + " 4 or more)");
            }
            if (tiles.equals("geometry") && zones.isEmpty()) {
                throw err.at("detector.tiles", "geometry tiles cover the camera's zones and lanes; it has none");
            }
            ExecutionProvider provider;
            try {
                provider = ExecutionProvider.fromConfigName(d.path("provider").asText("cpu"));
            } catch (IllegalArgumentException e) {
                throw err.at("detector.provider", e.getMessage());
            }
            Optional<Integer> input = d.has("input_size") ? Optional.of(d.get("input_size").asInt(-1))
                    : Optional.empty();
            if (input.isPresent() && (input.get() <= 0 || input.get() % 32 != 0)) {
                throw err.at("detector.input_size", d.get("input_size") + " must be a positive multiple of 32");
            }
            double minPx = positive(d, "min_object_px", 20, err);
            double maxMag = positive(d, "max_magnification", DetectorProfile.DEFAULT_MAX_MAGNIFICATION, err);
            if (maxMag < 1) {
                throw err.at("detector.max_magnification", "must be at least 1");
            }
            int maxTiles = (int) positive(d, "max_tiles", 12, err);
            int every = (int) positive(d, "tile_every", 1, err);
            Optional<Double> rate = d.has("rate_fps") ? Optional.of(positive(d, "rate_fps", 0, err))
                    : Optional.empty();
            String model = d.path("model").asText(DetectorProfile.DEFAULT_MODEL).trim();
            if (model.isEmpty()) {
                throw err.at("detector.model", "is empty");
            }
            JsonNode walk = d.path("walking");
            for (int i = 0; i < walk.size(); i++) {
                walking.add(polygon(walk.get(i), err, "detector.walking[" + i + "]", w, h));
            }
            p = new DetectorProfile(model, optText(d, "family"), optText(d, "accept_licence"), input, tiles, boxes,
                    minPx, maxTiles, maxMag, every, rate, provider, d.path("riders").asBoolean(true));
        }
        return new CameraDetectorConfig(camera, w, h, img, ground, zones, walking, p);
    }

    /** An error about this camera's field, for code that opens the detector. */
    public DetectorSetupException error(String field, String problem) {
        return new Errors(camera, "").at(field, problem);
    }

    private static Optional<String> optText(JsonNode d, String f) {
        return d.hasNonNull(f) ? Optional.of(d.get(f).asText().trim()) : Optional.empty();
    }

    private static double positive(JsonNode d, String f, double dflt, Errors err) {
        if (!d.has(f)) {
            return dflt;
        }
        double v = d.get(f).asDouble(-1);
        if (!d.get(f).isNumber() || !(v > 0)) {
            throw err.at("detector." + f, d.get(f) + " must be a positive number");
        }
        return v;
    }

    private static Point point(JsonNode n, Errors err, String field, int w, int h) {
        if (!n.isArray() || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            throw err.at(field, "must be [x, y], got " + n);
        }
        Point p = new Point(n.get(0).asDouble(), n.get(1).asDouble());
        if (w > 0 && (p.x() < 0 || p.y() < 0 || p.x() > w || p.y() > h)) {
            throw err.at(field, n + " is outside the " + w + "x" + h + " frame");
        }
        return p;
    }

    private static List<Point> polygon(JsonNode n, Errors err, String field, int w, int h) {
        if (!n.isArray() || n.size() < 3) {
            throw err.at(field, "must be a polygon of 3 or more [x, y] points");
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(point(n.get(i), err, field + "[" + i + "]", w, h));
        }
        return out;
    }

    private static int[] box(JsonNode n, Errors err, String field, int w, int h) {
        if (!n.isArray() || n.size() != 4) {
            throw err.at(field, "must be [x1, y1, x2, y2], got " + n);
        }
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!n.get(i).canConvertToInt()) {
                throw err.at(field, "must be [x1, y1, x2, y2] in whole pixels, got " + n);
            }
            b[i] = n.get(i).asInt();
        }
        if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h || b[2] - b[0] < 32 || b[3] - b[1] < 32) {
            throw err.at(field, n + " is outside the " + w + "x" + h + " frame or smaller than 32x32");
        }
        return b;
    }

    private record Errors(String camera, String source) {
        DetectorSetupException at(String field, String problem) {
            return new DetectorSetupException("camera '" + camera + "'" + (source.isEmpty() ? "" : " (" + source
                    + ")") + ": " + field + ": " + problem);
        }
    }
}
