package id.pantau.core.camera.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One test per validation rule: each breaks the valid fixture in one way and expects the field named. */
class CameraConfigValidationTest {
    private final CameraConfigLoader loader = new CameraConfigLoader();

    private List<String> errors(ObjectNode n) {
        InvalidCameraConfigException e = catchThrowableOfType(InvalidCameraConfigException.class,
                () -> loader.parse(ConfigFixtures.bytes(n), "test"));
        assertThat(e).as("configuration should have been rejected").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static ArrayNode xy(ObjectNode parent, double x, double y) {
        return parent.arrayNode().add(x).add(y);
    }

    @Test
    void validFixtureLoads() throws Exception {
        CameraConfig c = loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test");
        assertThat(c.approaches()).hasSize(1);
        assertThat(c.approaches().getFirst().exemptMovements()).containsExactly(Movement.LEFT);
        assertThat(c.thresholds().redGraceS()).isEqualTo(0.3);
        assertThat(c.zoneId().getId()).isEqualTo("Asia/Jakarta");
    }

    @Test
    void aPositionIsBothCoordinatesOnTheEarth() throws Exception {
        ObjectNode n = ConfigFixtures.valid();
        n.putObject("position").put("lat", -1.6101).put("lon", 103.6131);
        CameraConfig c = loader.parse(ConfigFixtures.bytes(n), "test");
        assertThat(c.position()).isEqualTo(new CameraConfig.Position(-1.6101, 103.6131));
        assertThat(loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test").position()).isNull();

        n.putObject("position").put("lat", -91).put("lon", 103.6);
        assertThat(errors(n)).singleElement().asString().startsWith("position.lat:");
        n.putObject("position").put("lat", -1.6);
        assertThat(errors(n)).containsExactly("position.lon: missing; a position needs both lat and lon (WGS 84 degrees)");
    }

    @Test
    void anApproachHeadingIsACompassBearing() throws Exception {
        ObjectNode n = ConfigFixtures.valid();
        assertThat(loader.parse(ConfigFixtures.bytes(n), "test").approaches().getFirst().headingDeg()).isNull();
        ((ObjectNode) n.at("/approaches/0")).put("heading_deg", 180.0);
        assertThat(loader.parse(ConfigFixtures.bytes(n), "test").approaches().getFirst().headingDeg()).isEqualTo(180.0);
        ((ObjectNode) n.at("/approaches/0")).put("heading_deg", 360.0);
        assertThat(errors(n)).singleElement().asString().startsWith("approaches[0].heading_deg: must be a compass bearing");
        // an approach without a heading is written without the field
        ((ObjectNode) n.at("/approaches/0")).remove("heading_deg");
        assertThat(id.pantau.core.json.Json.mapper().writeValueAsString(loader.parse(ConfigFixtures.bytes(n), "test")))
                .doesNotContain("heading_deg");
    }

    @Test
    void selfIntersectingZoneNamesTheCrossingEdges() {
        ObjectNode n = ConfigFixtures.valid();
        ArrayNode poly = (ArrayNode) n.at("/zones/0/polygon");
        poly.removeAll();
        // a bow tie: edges 0-1 and 2-3 cross
        poly.add(xy(n, 200, 450)).add(xy(n, 1100, 700)).add(xy(n, 1100, 450)).add(xy(n, 200, 700));
        assertThat(errors(n)).containsExactly("zones[0].polygon: self-intersecting (edges 0-1 and 2-3 cross)");
    }

    @Test
    void lineOutsideTheFrameIsRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ArrayNode) n.at("/counting_lines/0/b")).removeAll().add(1400).add(600);
        assertThat(errors(n)).containsExactly("counting_lines[0].b: [1400, 600] is outside the 1280x720 frame");
    }

    @Test
    void fewerThanFourCalibrationPointsAreRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ArrayNode) n.at("/calibration/points")).remove(3);
        assertThat(errors(n)).singleElement().asString()
                .startsWith("calibration.points: needs at least 4 points").contains("got 3");
    }

    @Test
    void collinearCalibrationGivesDegenerateHomography() {
        ObjectNode n = ConfigFixtures.valid();
        ArrayNode pts = (ArrayNode) n.at("/calibration/points");
        for (int i = 0; i < 4; i++) {
            ((ObjectNode) pts.get(i)).set("image", xy(n, 100 + 300 * i, 700 - 100 * i));
        }
        assertThat(errors(n)).singleElement().asString().startsWith("calibration.points: degenerate homography");
    }

    @Test
    void inconsistentCalibrationPointsAreRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ArrayNode pts = (ArrayNode) n.at("/calibration/points");
        ObjectNode extra = pts.addObject();
        extra.set("image", xy(n, 640, 500));
        extra.set("ground_m", xy(n, 10, 13));   // ~3 m from where the other four put that pixel
        assertThat(errors(n)).singleElement().asString().startsWith("calibration.points: the points disagree");
    }

    @Test
    void unknownLaneIsRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ArrayNode) n.at("/approaches/0/lanes")).add("n_bus");
        assertThat(errors(n)).containsExactly(
                "approaches[0].lanes[2]: unknown lane 'n_bus' (defined lanes: n_left, n_main)");
    }

    @Test
    void unknownZoneApproachIsRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ObjectNode) n.at("/zones/0")).put("approach", "south");
        assertThat(errors(n)).singleElement().asString().startsWith("zones[0].approach: unknown approach 'south'");
    }

    @Test
    void directionAlongTheLineIsRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ObjectNode) n.at("/counting_lines/0")).put("in_direction", "left");
        assertThat(errors(n)).singleElement().asString()
                .startsWith("counting_lines[0].in_direction: 'left' runs (almost) along the line");
    }

    @Test
    void visionSignalNeedsLampsInsideTheFrame() {
        ObjectNode n = ConfigFixtures.valid();
        ((ArrayNode) n.at("/approaches/0/signal/lamps/green")).removeAll().add(1270).add(150).add(1290).add(170);
        assertThat(errors(n)).containsExactly(
                "approaches[0].signal.lamps.green: box PixelBox[x1=1270, y1=150, x2=1290, y2=170] is outside the"
                        + " 1280x720 frame");
    }

    @Test
    void controllerSignalNeedsAGroup() {
        ObjectNode n = ConfigFixtures.valid();
        ObjectNode signal = (ObjectNode) n.at("/approaches/0/signal");
        signal.removeAll();
        signal.put("source", "controller");
        assertThat(errors(n)).containsExactly(
                "approaches[0].signal.controller_group: missing; give the controller's signal-group id");
    }

    @Test
    void duplicateIdsAreRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ((ObjectNode) n.at("/lanes/1")).put("id", "n_left");
        assertThat(errors(n)).contains("lanes[1].id: duplicate id 'n_left'");
    }

    @Test
    void badThresholdsAreRejected() {
        ObjectNode n = ConfigFixtures.valid();
        ObjectNode t = n.putObject("thresholds");
        t.putArray("los_occupancy_pct").add(10).add(5).add(30).add(40).add(50);
        t.put("alert_level", "G");
        assertThat(errors(n)).hasSize(2).anyMatch(s -> s.startsWith("thresholds.los_occupancy_pct:"))
                .anyMatch(s -> s.startsWith("thresholds.alert_level:"));
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        ObjectNode n = ConfigFixtures.valid();
        ((ArrayNode) n.at("/calibration/points")).remove(3);
        ((ArrayNode) n.at("/counting_lines/0/a")).removeAll().add(-5).add(600);
        ((ArrayNode) n.at("/approaches/0/lanes")).add("ghost");
        n.remove("frame");
        List<String> errors = errors(n);
        assertThat(errors).anyMatch(s -> s.startsWith("frame: missing"))
                .anyMatch(s -> s.startsWith("calibration.points: needs at least 4"))
                .anyMatch(s -> s.startsWith("approaches[0].lanes[2]: unknown lane 'ghost'"));
        assertThat(errors.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void typoInAFieldNameIsReportedWithItsPath() {
        ObjectNode n = ConfigFixtures.valid();
        ((ObjectNode) n.at("/zones/0")).put("polgon", 1);
        assertThatThrownBy(() -> loader.parse(ConfigFixtures.bytes(n), "test"))
                .isInstanceOf(InvalidCameraConfigException.class)
                .hasMessageContaining("zones[0].polgon");
    }

    @Test
    void everyStringNumberAndTimerIsBounded() {
        ObjectNode n = ConfigFixtures.valid();
        n.put("location", "x".repeat(201));                      // the violations.location VARCHAR(200)
        ((ObjectNode) n.at("/frame")).put("width", 9000);
        ((ObjectNode) n.at("/zones/0")).put("id", "z".repeat(65));
        n.putObject("thresholds").put("max_cycle_s", 1e308).put("red_grace_s", -1);
        n.put("time_zone", "Mars/Olympus");
        assertThat(errors(n)).containsExactlyInAnyOrder(
                "location: at most 200 characters, got 201",
                "frame.width: must be 1..8192, got 9000",
                "zones[0].id: at most 64 characters, got 65",
                "thresholds.max_cycle_s: must be in (0, 86400], got 1.0E308",
                "thresholds.red_grace_s: must be in [0, 86400], got -1",
                "time_zone: 'Mars/Olympus' is not a time zone id (e.g. Asia/Jakarta)");
    }

    @Test
    void theAnalysisRateMovedToTheCameraList() {
        ObjectNode n = ConfigFixtures.valid();
        ((ObjectNode) n.at("/analysis")).put("fps", 10);
        assertThat(errors(n)).singleElement().asString()
                .startsWith("analysis.fps: removed: the analysis rate is the camera list's analysis_fps");
    }

    @Test
    void aConfigMadeInCodeIsCheckedAgainstTheSameDeclarations() throws Exception {
        CameraConfig good = loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test");
        CameraConfig bad = new CameraConfig(good.camera(), null, good.location(), null, null,
                new CameraConfig.FrameSize(1280, 720), new CameraConfig.Analysis(0.5), good.calibration(),
                good.zones(), good.countingLines(), good.lanes(), good.approaches(), good.thresholds(), null);
        assertThatThrownBy(() -> loader.validate(bad, "draft"))
                .hasMessageContaining("analysis.interval_s: must be in [1, 86400], got 0.5");
    }
}
