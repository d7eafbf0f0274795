package id.pantau.core.camera.config;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.CameraConfig.CalibrationPoint;
import id.pantau.core.camera.config.CameraConfig.CountingLine;
import id.pantau.core.camera.config.CameraConfig.Lane;
import id.pantau.core.camera.config.CameraConfig.Zone;
import id.pantau.core.perception.Point;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a configuration's geometry completely (the scalar options are declared and checked in
 * {@link CameraConfigOptions}) and returns every problem, each naming its field by JSON path
 * (e.g. {@code zones[1].polygon: self-intersecting (edges 0-1 and 2-3 cross)}), so an operator fixes all of
 * them in one round instead of one per save.
 */
public final class CameraConfigValidator {
    /** A calibration whose own points land further than this from where they should is rejected. */
    public static final double MAX_CALIBRATION_RESIDUAL_M = 0.5;

    public List<ConfigError> validate(CameraConfig c) {
        Errors e = new Errors();
        if (c.camera() == null) {
            e.add("camera", "missing", Map.of(), "missing; give the camera id (lower-case slug, e.g. \"simpang-kawat-1\")");
        } else {
            try {
                CameraId.of(c.camera());
            } catch (IllegalArgumentException ex) {
                e.add("camera", "invalid_id", Map.of(), ex.getMessage());
            }
        }
        position(c, e);
        Frame frame = frame(c, e);
        calibration(c, frame, e);
        Set<String> approachIds = c.approaches().stream().map(Approach::id).collect(Collectors.toSet());
        zones(c, frame, approachIds, e);
        countingLines(c, frame, e);
        Set<String> laneIds = lanes(c, frame, e);
        approaches(c, frame, laneIds, e);
        return e.list;
    }

    /** Half a position is a typo (the range of each number is checked by its declaration). */
    private static void position(CameraConfig c, Errors e) {
        CameraConfig.Position p = c.position();
        if (p != null && (p.lat() == null) != (p.lon() == null)) {
            e.add(p.lat() == null ? "position.lat" : "position.lon", "position_incomplete", Map.of(),
                    "missing; a position needs both lat and lon (WGS 84 degrees)");
        }
    }

    private record Frame(double w, double h, boolean known) {
        boolean contains(XY p) {
            return !known || (p.x() >= 0 && p.y() >= 0 && p.x() <= w && p.y() <= h);
        }

        String size() {
            return (int) w + "x" + (int) h;
        }
    }

    private static final class Errors {
        final List<ConfigError> list = new ArrayList<>();

        void add(String field, String code, Map<String, Object> params, String message) {
            list.add(new ConfigError(field, message, code, params));
        }
    }

    private Frame frame(CameraConfig c, Errors e) {
        if (c.frame() == null) {
            e.add("frame", "missing", Map.of(), "missing; give {\"width\": W, \"height\": H} of the analysed picture in pixels");
            return new Frame(0, 0, false);
        }
        // the sizes' ranges are declared (CameraConfigOptions); here only what the geometry checks need
        boolean ok = true;
        if (c.frame().width() == null) {
            e.add("frame.width", "missing", Map.of(), "missing; give the width of the analysed picture in pixels");
            ok = false;
        }
        if (c.frame().height() == null) {
            e.add("frame.height", "missing", Map.of(), "missing; give the height of the analysed picture in pixels");
            ok = false;
        }
        ok = ok && c.frame().width() > 0 && c.frame().height() > 0;
        return ok ? new Frame(c.frame().width(), c.frame().height(), true) : new Frame(0, 0, false);
    }

    private void calibration(CameraConfig c, Frame frame, Errors e) {
        if (c.calibration() == null) {
            e.add("calibration", "missing", Map.of(), "missing; give 4 or more {\"image\": [x, y], \"ground_m\": [x, y]} points");
            return;
        }
        List<CalibrationPoint> pts = c.calibration().points();
        if (pts.size() < 4) {
            e.add("calibration.points", "calibration_too_few", Map.of("count", pts.size()), "needs at least 4 points (image position + ground position in metres),"
                    + " got " + pts.size());
        }
        List<Point> img = new ArrayList<>();
        List<Point> gnd = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            CalibrationPoint p = pts.get(i);
            String f = "calibration.points[" + i + "]";
            if (p == null || p.image() == null) {
                e.add(f + ".image", "missing", Map.of(), "missing");
                continue;
            }
            if (p.groundM() == null) {
                e.add(f + ".ground_m", "missing", Map.of(), "missing");
                continue;
            }
            if (!frame.contains(p.image())) {
                e.add(f + ".image", "outside_frame", Map.of("point", p.image().toString(), "frame", frame.size()), p.image() + " is outside the " + frame.size() + " frame");
            }
            img.add(p.image().toPoint());
            gnd.add(p.groundM().toPoint());
        }
        if (pts.size() >= 4 && img.size() == pts.size()) {
            try {
                Homography h = Homography.fit(img, gnd);
                double residual = h.maxResidualM(img, gnd);
                if (residual > MAX_CALIBRATION_RESIDUAL_M) {
                    e.add("calibration.points", "calibration_disagree", Map.of("residual_m", Math.round(residual * 100) / 100.0, "limit_m", MAX_CALIBRATION_RESIDUAL_M), String.format(java.util.Locale.ROOT,
                            "the points disagree: after fitting, one lands %.2f m from its ground position"
                                    + " (limit %.1f m); re-measure them", residual, MAX_CALIBRATION_RESIDUAL_M));
                }
            } catch (Homography.DegenerateException ex) {
                e.add("calibration.points", "calibration_degenerate", Map.of(), "degenerate homography: " + ex.getMessage());
            }
        }
    }

    private void zones(CameraConfig c, Frame frame, Set<String> approachIds, Errors e) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.zones().size(); i++) {
            Zone z = c.zones().get(i);
            String f = "zones[" + i + "]";
            id(z.id(), f, seen, e);
            polygon(z.polygon(), f + ".polygon", frame, e);
            if (z.approach() != null && !approachIds.contains(z.approach())) {
                e.add(f + ".approach", "unknown_approach", Map.of("approach", z.approach()), "unknown approach '" + z.approach() + "' (defined: " + approachIds + ")");
            }
        }
    }

    private void countingLines(CameraConfig c, Frame frame, Errors e) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.countingLines().size(); i++) {
            CountingLine l = c.countingLines().get(i);
            String f = "counting_lines[" + i + "]";
            id(l.id(), f, seen, e);
            segment(l.a(), l.b(), f, frame, e);
            direction(l.a(), l.b(), l.inDirection(), f + ".in_direction", e);
        }
    }

    private Set<String> lanes(CameraConfig c, Frame frame, Errors e) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.lanes().size(); i++) {
            Lane l = c.lanes().get(i);
            String f = "lanes[" + i + "]";
            id(l.id(), f, seen, e);
            polygon(l.polygon(), f + ".polygon", frame, e);
            if (l.movements().isEmpty()) {
                e.add(f + ".movements", "movements_missing", Map.of(), "list the movements the lane allows (straight, left, right, u_turn)");
            }
        }
        return seen;
    }

    private void approaches(CameraConfig c, Frame frame, Set<String> laneIds, Errors e) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.approaches().size(); i++) {
            Approach a = c.approaches().get(i);
            String f = "approaches[" + i + "]";
            id(a.id(), f, seen, e);
            if (a.stopLine() == null) {
                e.add(f + ".stop_line", "missing", Map.of(), "missing; give {\"a\": [x, y], \"b\": [x, y]}");
            } else {
                segment(a.stopLine().a(), a.stopLine().b(), f + ".stop_line", frame, e);
                direction(a.stopLine().a(), a.stopLine().b(), a.entryDirection(), f + ".entry_direction", e);
            }
            for (int j = 0; j < a.lanes().size(); j++) {
                String lane = a.lanes().get(j);
                if (!laneIds.contains(lane)) {
                    e.add(f + ".lanes[" + j + "]", "unknown_lane", Map.of("lane", lane), "unknown lane '" + lane + "' (defined lanes: "
                            + (laneIds.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(laneIds)))
                            + ")");
                }
            }
            signal(a.signal(), f + ".signal", frame, e);
            if (a.headingDeg() != null && !(a.headingDeg() >= 0 && a.headingDeg() < 360)) {
                e.add(f + ".heading_deg", "heading_range", Map.of("value", a.headingDeg()), "must be a compass bearing in [0, 360) degrees (0 = north, 90 = east), was "
                        + a.headingDeg());
            }
        }
    }

    private void signal(CameraConfig.Signal s, String f, Frame frame, Errors e) {
        if (s == null) {
            e.add(f, "missing", Map.of(), "missing; give {\"source\": \"vision\", \"lamps\": {...}} or {\"source\": \"controller\","
                    + " \"controller_group\": \"...\"}");
            return;
        }
        if (s.source() == null) {
            e.add(f + ".source", "missing", Map.of(), "missing (vision or controller)");
            return;
        }
        switch (s.source()) {
            case VISION -> {
                if (s.lamps() == null) {
                    e.add(f + ".lamps", "lamps_missing", Map.of(), "missing; a vision signal needs the red, amber and green lamp boxes");
                    return;
                }
                lamp(s.lamps().red(), f + ".lamps.red", frame, e);
                lamp(s.lamps().amber(), f + ".lamps.amber", frame, e);
                lamp(s.lamps().green(), f + ".lamps.green", frame, e);
            }
            case CONTROLLER -> {
                if (s.controllerGroup() == null || s.controllerGroup().isBlank()) {
                    e.add(f + ".controller_group", "missing", Map.of(), "missing; give the controller's signal-group id");
                } else if (s.controllerGroup().length() > CameraConfigOptions.MAX_ID_LENGTH) {
                    e.add(f + ".controller_group", "too_long", Map.of("max", CameraConfigOptions.MAX_ID_LENGTH, "length", s.controllerGroup().length()), "at most " + CameraConfigOptions.MAX_ID_LENGTH
                            + " characters, got " + s.controllerGroup().length());
                }
            }
        }
    }

    private void lamp(PixelBox b, String f, Frame frame, Errors e) {
        if (b == null) {
            e.add(f, "missing", Map.of(), "missing; give [x1, y1, x2, y2]");
            return;
        }
        if (b.width() <= 0 || b.height() <= 0) {
            e.add(f, "empty_box", Map.of(), "empty box " + b + " (x2 must exceed x1 and y2 exceed y1)");
        } else if (!frame.contains(new XY(b.x1(), b.y1())) || !frame.contains(new XY(b.x2(), b.y2()))) {
            e.add(f, "box_outside_frame", Map.of("frame", frame.size()), "box " + b + " is outside the " + frame.size() + " frame");
        }
    }

    private static void id(String id, String f, Set<String> seen, Errors e) {
        if (id == null || id.isBlank()) {
            e.add(f + ".id", "missing", Map.of(), "missing");
        } else if (id.length() > CameraConfigOptions.MAX_ID_LENGTH) {
            e.add(f + ".id", "too_long", Map.of("max", CameraConfigOptions.MAX_ID_LENGTH, "length", id.length()), "at most " + CameraConfigOptions.MAX_ID_LENGTH + " characters, got " + id.length());
        } else if (!seen.add(id)) {
            e.add(f + ".id", "duplicate_id", Map.of("id", id), "duplicate id '" + id + "'");
        }
    }

    private static void segment(XY a, XY b, String f, Frame frame, Errors e) {
        if (a == null) {
            e.add(f + ".a", "missing", Map.of(), "missing end point [x, y]");
        } else if (!frame.contains(a)) {
            e.add(f + ".a", "outside_frame", Map.of("point", a.toString(), "frame", frame.size()), a + " is outside the " + frame.size() + " frame");
        }
        if (b == null) {
            e.add(f + ".b", "missing", Map.of(), "missing end point [x, y]");
        } else if (!frame.contains(b)) {
            e.add(f + ".b", "outside_frame", Map.of("point", b.toString(), "frame", frame.size()), b + " is outside the " + frame.size() + " frame");
        }
        if (a != null && b != null && a.toPoint().distanceTo(b.toPoint()) < 2) {
            e.add(f, "same_points", Map.of(), "end points " + a + " and " + b + " are (almost) the same point");
        }
    }

    /** The direction of travel must actually cross the line: reject one (nearly) parallel to it. */
    private static void direction(XY a, XY b, Direction d, String f, Errors e) {
        if (d == null) {
            e.add(f, "direction_missing", Map.of(), "missing (up, down, left or right: the direction of travel over the line)");
            return;
        }
        if (a == null || b == null) {
            return;
        }
        double len = a.toPoint().distanceTo(b.toPoint());
        if (len < 2) {
            return;
        }
        double normalComponent = Math.abs((b.x() - a.x()) * d.dy() - (b.y() - a.y()) * d.dx()) / len;
        if (normalComponent < Math.sin(Math.toRadians(20))) {
            e.add(f, "direction_along_line", Map.of("direction", d.label()), "'" + d.label() + "' runs (almost) along the line " + a + "-" + b
                    + "; it must cross it");
        }
    }

    private static void polygon(List<XY> poly, String f, Frame frame, Errors e) {
        if (poly.size() < 3) {
            e.add(f, "too_few_vertices", Map.of("count", poly.size()), "needs at least 3 vertices, got " + poly.size());
            return;
        }
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < poly.size(); i++) {
            XY v = poly.get(i);
            if (v == null) {
                e.add(f + "[" + i + "]", "missing", Map.of(), "missing vertex");
                return;
            }
            if (!frame.contains(v)) {
                e.add(f + "[" + i + "]", "outside_frame", Map.of("point", v.toString(), "frame", frame.size()), v + " is outside the " + frame.size() + " frame");
            }
            pts.add(v.toPoint());
        }
        Optional<int[]> x = PlaneGeometry.firstSelfIntersection(pts);
        if (x.isPresent()) {
            int i = x.get()[0];
            int j = x.get()[1];
            int n = pts.size();
            e.add(f, "self_intersecting", Map.of(), "self-intersecting (edges " + i + "-" + (i + 1) % n + " and " + j + "-" + (j + 1) % n
                    + " cross)");
        } else if (PlaneGeometry.area(pts) < 1) {
            e.add(f, "no_area", Map.of(), "has no area (all vertices on one line?)");
        }
    }
}
