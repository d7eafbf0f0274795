package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One camera's geometry: what the analytics need to turn tracks into counts, congestion and violations.
 * This is the JSON document of {@code schema/camera-config.schema.json}, documented in docs/camera-config.md.
 * Fields are nullable here on purpose: {@link CameraConfigValidator} reports every missing or wrong field
 * by name, all at once, instead of Jackson stopping at the first.
 *
 * @param version assigned by {@link CameraConfigStore} when saved (null in a draft); every event records it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CameraConfig(String camera, Integer version, String location, String timeZone, Position position,
                           FrameSize frame,
                           Analysis analysis, Calibration calibration, List<Zone> zones,
                           List<CountingLine> countingLines, List<Lane> lanes, List<Approach> approaches,
                           Thresholds thresholds, JsonNode detector) {

    public static final String DEFAULT_TIME_ZONE = (String) CameraConfigOptions.TIME_ZONE.defaultValue();

    public CameraConfig {
        zones = zones == null ? List.of() : List.copyOf(zones);
        countingLines = countingLines == null ? List.of() : List.copyOf(countingLines);
        lanes = lanes == null ? List.of() : List.copyOf(lanes);
        approaches = approaches == null ? List.of() : List.copyOf(approaches);
        analysis = analysis == null ? Analysis.DEFAULTS : analysis;
        thresholds = thresholds == null ? Thresholds.DEFAULTS : thresholds;
    }

    public CameraConfig withVersion(int v) {
        return new CameraConfig(camera, v, location, timeZone, position, frame, analysis, calibration, zones, countingLines,
                lanes, approaches, thresholds, detector);
    }

    /** The version, or 0 for a draft that was never saved. */
    public int versionOrZero() {
        CameraConfigOptions.VERSION.markRead();
        return version == null ? 0 : version;
    }

    /** The camera's time zone (WIB, Asia/Jakarta, unless set): event timestamps carry its offset. */
    public ZoneId zoneId() {
        CameraConfigOptions.TIME_ZONE.markRead();
        return ZoneId.of(timeZone == null ? DEFAULT_TIME_ZONE : timeZone);
    }

    // The accessors note their option as read (ConfigReads): a test fails when the analytics stop reading one.

    @Override
    public String camera() {
        CameraConfigOptions.CAMERA.markRead();
        return camera;
    }

    @Override
    public Integer version() {
        CameraConfigOptions.VERSION.markRead();
        return version;
    }

    @Override
    public String location() {
        CameraConfigOptions.LOCATION.markRead();
        return location;
    }

    /** Where the camera stands on the map, or null when not set (then it is left off the map). */
    @Override
    public Position position() {
        CameraConfigOptions.POSITION_LAT.markRead();
        CameraConfigOptions.POSITION_LON.markRead();
        return position;
    }

    @Override
    public String timeZone() {
        CameraConfigOptions.TIME_ZONE.markRead();
        return timeZone;
    }

    @Override
    public Calibration calibration() {
        CameraConfigOptions.CALIBRATION.markRead();
        return calibration;
    }

    @Override
    public List<Zone> zones() {
        CameraConfigOptions.ZONES.markRead();
        return zones;
    }

    @Override
    public List<CountingLine> countingLines() {
        CameraConfigOptions.COUNTING_LINES.markRead();
        return countingLines;
    }

    @Override
    public List<Lane> lanes() {
        CameraConfigOptions.LANES.markRead();
        return lanes;
    }

    @Override
    public List<Approach> approaches() {
        CameraConfigOptions.APPROACHES.markRead();
        return approaches;
    }

    /** The camera's detector profile (detect/README.md), null for the node's own detector; perception reads it. */
    @Override
    public JsonNode detector() {
        CameraConfigOptions.DETECTOR.markRead();
        return detector;
    }

    public Optional<Lane> lane(String id) {
        return lanes().stream().filter(l -> Objects.equals(l.id(), id)).findFirst();
    }

    public Optional<Approach> approach(String id) {
        return approaches().stream().filter(a -> Objects.equals(a.id(), id)).findFirst();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** A point on the earth in WGS 84 degrees. */
    public record Position(Double lat, Double lon) {
    }

    public record FrameSize(Integer width, Integer height) {
        @Override
        public Integer width() {
            CameraConfigOptions.FRAME_WIDTH.markRead();
            return width;
        }

        @Override
        public Integer height() {
            CameraConfigOptions.FRAME_HEIGHT.markRead();
            return height;
        }
    }

    /**
     * The analysis rate is not here: it is the camera list's {@code analysis_fps}, where the node samples frames.
     *
     * @param intervalS length of the congestion reporting interval
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Analysis(Double intervalS) {
        public static final Analysis DEFAULTS = new Analysis(null);

        public Analysis {
            intervalS = intervalS == null ? (Double) CameraConfigOptions.INTERVAL_S.defaultValue() : intervalS;
        }

        @Override
        public Double intervalS() {
            CameraConfigOptions.INTERVAL_S.markRead();
            return intervalS;
        }
    }

    /** Four or more image points with their positions on the road in metres (any planar metric frame). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Calibration(List<CalibrationPoint> points) {
        public Calibration {
            points = points == null ? List.of() : List.copyOf(points);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CalibrationPoint(XY image, XY groundM) {
    }

    /** A congestion zone; {@code approach} (optional) is the approach whose stop line queues are measured from. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Zone(String id, List<XY> polygon, String approach) {
        public Zone {
            polygon = polygon == null ? List.of() : List.copyOf(polygon);
        }
    }

    /** A counting line from a to b; crossings in {@code inDirection} count as "in", the opposite as "out". */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CountingLine(String id, XY a, XY b, Direction inDirection) {
    }

    /** A lane before a stop line and the movements it allows; a lane whose movements are all exempt is exempt. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Lane(String id, List<XY> polygon, List<Movement> movements) {
        public Lane {
            polygon = polygon == null ? List.of() : List.copyOf(polygon);
            movements = movements == null ? List.of() : List.copyOf(movements);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Segment(XY a, XY b) {
    }

    /**
     * One signalised approach.
     *
     * @param stopLine        the painted stop line
     * @param entryDirection  direction of travel over the stop line into the intersection
     * @param lanes           ids of the {@link Lane}s the signal governs
     * @param exemptMovements movements allowed on red (e.g. left turn, common in Indonesia)
     * @param headingDeg      compass bearing (degrees, 0 = north, 90 = east) of the approach's traffic as it drives
     *                        towards the stop line, or null; a report about the approach then says where it comes from
     *                        ("dari utara") in words a road crew understands, whatever the approach's id
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Approach(String id, Segment stopLine, Direction entryDirection, List<String> lanes,
                           List<Movement> exemptMovements, Signal signal,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double headingDeg) {
        public Approach {
            lanes = lanes == null ? List.of() : List.copyOf(lanes);
            exemptMovements = exemptMovements == null ? List.of() : List.copyOf(exemptMovements);
        }

        /** As before headings existed: no heading. */
        public Approach(String id, Segment stopLine, Direction entryDirection, List<String> lanes,
                        List<Movement> exemptMovements, Signal signal) {
            this(id, stopLine, entryDirection, lanes, exemptMovements, signal, null);
        }
    }

    /**
     * @param controllerGroup the controller's signal-group id for this approach (source = controller)
     * @param lamps           lamp regions in the picture (source = vision)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signal(SignalSource source, Lamps lamps, String controllerGroup) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Lamps(PixelBox red, PixelBox amber, PixelBox green) {
    }
}
