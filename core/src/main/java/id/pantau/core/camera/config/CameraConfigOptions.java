package id.pantau.core.camera.config;

import id.pantau.core.config.ConfigDef;
import id.pantau.core.config.Option;
import id.pantau.core.config.OptionType;
import id.pantau.core.config.Range;
import id.pantau.core.config.ReadBy;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The scalar options of a camera configuration (docs/camera-config.md, generated table). The geometry sections
 * (calibration, zones, lines, lanes, approaches) are declared as sections: {@link CameraConfigValidator} checks
 * them. Limits follow what stores them: the enforcement database's {@code camera VARCHAR(64)} and
 * {@code location VARCHAR(200)}, a frame of at most 8192 px a side, timers of at most a day.
 */
public final class CameraConfigOptions {
    /** Longest id of a camera, zone, line, lane or approach: the {@code camera VARCHAR(64)} column. */
    public static final int MAX_ID_LENGTH = 64;
    /** The {@code location VARCHAR(200)} column of a violation. */
    public static final int MAX_LOCATION_LENGTH = 200;
    public static final int MAX_FRAME_SIDE = 8192;
    /** No timer of the analytics needs to be longer than a day; a longer one is a typo. */
    public static final double MAX_SECONDS = 86_400;

    public static final ConfigDef DEF = new ConfigDef("camera configuration");

    public static final Option CAMERA = DEF.define(Option.of("camera", OptionType.STRING).maxLength(MAX_ID_LENGTH)
            .defaultDoc("required").doc("the camera's id, as in the camera list").readBy(ReadBy.ANALYTICS));
    public static final Option VERSION = DEF.define(Option.of("version", OptionType.INT)
            .range(Range.closed(1, Integer.MAX_VALUE)).defaultDoc("assigned on save")
            .doc("assigned by the store when saved (leave it out in a draft); every event records it")
            .readBy(ReadBy.ANALYTICS));
    public static final Option LOCATION = DEF.define(Option.of("location", OptionType.STRING)
            .maxLength(MAX_LOCATION_LENGTH).doc("where the camera looks, printed on evidence and letters")
            .readBy(ReadBy.ANALYTICS));
    public static final Option TIME_ZONE = DEF.define(Option.of("time_zone", OptionType.STRING)
            .defaultValue("Asia/Jakarta").maxLength(64).check(CameraConfigOptions::zoneProblem)
            .doc("IANA zone of the camera's local time; event timestamps carry its offset").readBy(ReadBy.ANALYTICS));
    // Where the camera stands: the console's camera map and the link from a citizen complaint to nearby cameras.
    public static final Option POSITION_LAT = DEF.define(Option.of("position.lat", OptionType.DOUBLE)
            .range(Range.closed(-90, 90)).defaultDoc("none")
            .doc("latitude of the camera (WGS 84 degrees; Jambi is about -1.6); give it with position.lon")
            .readBy(ReadBy.CONSOLE));
    public static final Option POSITION_LON = DEF.define(Option.of("position.lon", OptionType.DOUBLE)
            .range(Range.closed(-180, 180)).defaultDoc("none")
            .doc("longitude of the camera (WGS 84 degrees; Jambi is about 103.6); give it with position.lat")
            .readBy(ReadBy.CONSOLE));
    public static final Option FRAME_WIDTH = DEF.define(Option.of("frame.width", OptionType.INT)
            .range(Range.closed(1, MAX_FRAME_SIDE)).defaultDoc("required")
            .doc("width of the analysed picture in pixels; every coordinate refers to it").readBy(ReadBy.ANALYTICS));
    public static final Option FRAME_HEIGHT = DEF.define(Option.of("frame.height", OptionType.INT)
            .range(Range.closed(1, MAX_FRAME_SIDE)).defaultDoc("required")
            .doc("height of the analysed picture in pixels").readBy(ReadBy.ANALYTICS));
    public static final Option INTERVAL_S = DEF.define(Option.of("analysis.interval_s", OptionType.SECONDS)
            .defaultValue(60.0).range(Range.closed(1, MAX_SECONDS))
            .doc("length of the congestion reporting interval").readBy(ReadBy.ANALYTICS));

    public static final Option CALIBRATION = section("calibration", "4 or more image points with their ground"
            + " positions in metres (below)");
    public static final Option ZONES = section("zones", "congestion zones (below)");
    public static final Option COUNTING_LINES = section("counting_lines", "counting lines (below)");
    public static final Option LANES = section("lanes", "lanes before a stop line and their movements (below)");
    public static final Option APPROACHES = section("approaches", "signalised approaches: stop line, lanes,"
            + " signal (below)");
    public static final Option DETECTOR = DEF.define(Option.of("detector", OptionType.SECTION)
            .defaultDoc("the node's detector").readBy(ReadBy.PERCEPTION)
            .doc("the camera's detector profile: model, tiles (none, 3x3, geometry, boxes), riders, provider"
                    + " (detect/README.md); checked when the node builds the camera's detector"));

    public static final Option LINE_MARGIN_PX = threshold("line_margin_px", 6.0, Range.openClosed(0, MAX_FRAME_SIDE),
            "hysteresis: a ground point must be this far past a line, on both sides, to count");
    public static final Option RED_GRACE_S = seconds("red_grace_s", 0.3, Range.closed(0, MAX_SECONDS),
            "a stop-line crossing this soon after red onset is not a violation");
    public static final Option VIOLATION_DISTANCE_M = threshold("violation_distance_m", 2.0, Range.openClosed(0, 1000),
            "a red-light crosser must travel this far past the crossing point to be a violator");
    public static final Option STOPPED_SPEED_KMH = threshold("stopped_speed_kmh", 5.0, Range.openClosed(0, 300),
            "below this speed a vehicle is queued");
    public static final Option FREE_FLOW_SPEED_KMH = threshold("free_flow_speed_kmh", 40.0, Range.openClosed(0, 300),
            "reference speed for the speed-based level of service");
    public static final Option LOS_OCCUPANCY_PCT = DEF.define(Option.listOf("thresholds.los_occupancy_pct",
                    OptionType.DOUBLE).defaultValue(List.of(10.0, 20.0, 35.0, 50.0, 70.0))
            .check(CameraConfigOptions::losProblem).defaultDoc("[10, 20, 35, 50, 70]")
            .doc("five ascending occupancy limits (%) in (0, 100] separating levels A|B|C|D|E|F")
            .readBy(ReadBy.ANALYTICS));
    public static final Option LOS_HYSTERESIS_PCT = threshold("los_hysteresis_pct", 10.0, Range.closed(0, 100),
            "a level improves only when the measure is this much (relative %) better than the limit");
    public static final Option MIN_DWELL_S = seconds("min_dwell_s", 120.0, Range.closed(0, MAX_SECONDS),
            "a new level of service must hold this long before it is reported");
    public static final Option ALERT_LEVEL = DEF.define(Option.of("thresholds.alert_level", OptionType.ENUM)
            .defaultValue("E").allowed("A", "B", "C", "D", "E", "F").allowedText("one of A-F")
            .doc("level of service at or beyond which a congestion alert is raised").readBy(ReadBy.ANALYTICS));
    public static final Option SIGNAL_CONFIRM_S = seconds("signal_confirm_s", 0.25, Range.closed(0, MAX_SECONDS),
            "a lamp reading must hold this long before the signal state changes (LED flicker)");
    public static final Option DARK_CONFIRM_S = seconds("dark_confirm_s", 1.0, Range.closed(0, MAX_SECONDS),
            "all lamps must be off this long before the head is called dark");
    public static final Option DARK_FAULT_S = seconds("dark_fault_s", 5.0, Range.openClosed(0, MAX_SECONDS),
            "a head dark this long raises a signal_fault");
    public static final Option MAX_CYCLE_S = seconds("max_cycle_s", 300.0, Range.openClosed(0, MAX_SECONDS),
            "a head with no change for longer than this is stuck: signal_fault");
    // 3 s: the shortest phase of a signal cycle (amber, 3 s at Indonesian and most other junctions), so no real
    // phase can hide in a bridged spell, and shorter than dark_fault_s (5 s): a failed head is still reported,
    // dated from its first dark frame. It bridges lamps that read dark for 1-2 s while lit (exposure, PWM
    // dimming) and the off half-second of a flashing amber.
    public static final Option SIGNAL_GAP_S = seconds("signal_gap_s", 3.0, Range.closed(0, MAX_SECONDS),
            "a dark spell inside a lit phase shorter than this keeps the phase and its onset (a flickering lamp)");
    public static final Option LAMP_MIN_BRIGHTNESS = threshold("lamp_min_brightness", 120.0, Range.open(0, 255),
            "a lamp region whose brightest pixels are dimmer than this (0-255) is off");

    static {
        DEF.moved("analysis.fps", "removed: the analysis rate is the camera list's analysis_fps (default 5,"
                + " ingest/README.md), which a node uses, and pantau analyze --analysis-fps; delete it here");
    }

    private CameraConfigOptions() {
    }

    private static Option section(String name, String doc) {
        return DEF.define(Option.of(name, OptionType.SECTION).defaultDoc("none").doc(doc).readBy(ReadBy.ANALYTICS));
    }

    private static Option threshold(String name, double dflt, Range range, String doc) {
        return DEF.define(Option.of("thresholds." + name, OptionType.DOUBLE).defaultValue(dflt).range(range).doc(doc)
                .readBy(ReadBy.ANALYTICS));
    }

    private static Option seconds(String name, double dflt, Range range, String doc) {
        return DEF.define(Option.of("thresholds." + name, OptionType.SECONDS).defaultValue(dflt).range(range)
                .doc(doc).readBy(ReadBy.ANALYTICS));
    }

    private static String zoneProblem(Object zone) {
        try {
            ZoneId.of((String) zone);
            return null;
        } catch (DateTimeException e) {
            return "'" + zone + "' is not a time zone id (e.g. Asia/Jakarta)";
        }
    }

    private static String losProblem(Object value) {
        List<?> los = (List<?>) value;
        boolean ascending = los.size() == 5;
        for (int i = 0; ascending && i < 5; i++) {
            Double v = (Double) los.get(i);
            ascending = v != null && v > 0 && v <= 100 && (i == 0 || v > (Double) los.get(i - 1));
        }
        return ascending ? null : "needs five ascending percentages in (0, 100] (limits of A..E), got "
                + los.stream().map(v -> v == null ? "null" : Range.format((Double) v)).toList();
    }
}
