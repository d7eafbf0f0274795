package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.CrossingDirection;
import id.pantau.core.event.EventIds;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalFault;
import id.pantau.core.event.SignalFaultKind;
import id.pantau.core.event.SignalState;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.enforcement.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dishub's board over real HTTP, fed with real events through the in-process bus as the pipeline publishes them:
 * 15-minute counts per class and direction, level of service per zone, violations per hour, CSV exports, alerts
 * acknowledged with notes (and audited), and who may see it all.
 */
class DishubBoardApiTest {
    static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static Map<Role, String> tokens = new EnumMap<>(Role.class);
    /** the start of the previous full 15-minute period, so every event lies within the board's 24 h */
    static Instant period;

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        for (Role r : Role.values()) {
            tokens.put(r, rig.login(r));
        }
        long now = Instant.now().getEpochSecond();
        period = Instant.ofEpochSecond(now - now % 900 - 900);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    /** A time as the board writes it (JSON and CSV alike): WIB, seconds always present. */
    private static String wib(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(t.atOffset(WIB));
    }

    private static LineCrossing crossing(String line, long track, String cls, CrossingDirection dir, Instant at) {
        return new LineCrossing(EventIds.lineCrossing(HANOI, line, track, dir, at), HANOI, 1, at.atOffset(WIB), track * 3,
                line, track, cls, dir, 30.0);
    }

    private static ZoneCongestion congestion(String zone, Instant end, LevelOfService level, double occupancy) {
        return new ZoneCongestion(EventIds.congestion(HANOI, zone, end.minusSeconds(60)), HANOI, 1, end.atOffset(WIB),
                end.minusSeconds(60).atOffset(WIB), zone, 2.5, 4, occupancy, 12.0, 8.0, Map.of("car", 3.0), level);
    }

    private static JsonNode get(String path, Role role) throws Exception {
        HttpResponse<String> r = rig.send("GET", path, tokens.get(role), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ConsoleTestRig.json(r);
    }

    @Test
    void crossingsAreCountedPer15MinutesPerClassAndDirectionOnceEach() throws Exception {
        Instant first = period.plusSeconds(60);
        Instant second = period.plusSeconds(900 + 30);
        LineCrossing car = crossing("north_count", 1, "car", CrossingDirection.IN, first);
        rig.backend.publish(car);
        rig.backend.publish(car);   // redelivered by the bus: counted once
        rig.backend.publish(crossing("north_count", 2, "motorcycle", CrossingDirection.IN, first.plusSeconds(5)));
        rig.backend.publish(crossing("north_count", 3, "motorcycle", CrossingDirection.IN, first.plusSeconds(9)));
        rig.backend.publish(crossing("north_count", 4, "truck", CrossingDirection.OUT, first.plusSeconds(20)));
        rig.backend.publish(crossing("north_count", 5, "bus", CrossingDirection.IN, second));
        rig.backend.publish(crossing("north_count", 6, "person", CrossingDirection.IN, second.plusSeconds(1)));
        rig.backend.publish(crossing("south_count", 7, "car", CrossingDirection.OUT, Instant.now().minus(Duration.ofHours(25))));

        await().atMost(Duration.ofSeconds(5)).until(() -> get("/console-api/board/counts", Role.DISHUB).get("items").size() == 3);
        JsonNode answer = get("/console-api/board/counts", Role.DISHUB);
        assertThat(answer.get("period_minutes").asInt()).isEqualTo(15);
        assertThat(answer.get("retention_hours").asInt()).isEqualTo(24);
        JsonNode items = answer.get("items");
        // first period, in: one car and two motorcycles; out: one truck; next period: one bus and one other road user
        JsonNode in1 = items.get(0);
        assertThat(in1.get("start").asText()).isEqualTo(wib(period));
        assertThat(in1.get("end").asText()).isEqualTo(wib(period.plusSeconds(900)));
        assertThat(in1.get("direction").asText()).isEqualTo("in");
        assertThat(in1.get("counts").get("car").asLong()).isEqualTo(1);
        assertThat(in1.get("counts").get("motorcycle").asLong()).isEqualTo(2);
        assertThat(in1.get("total").asLong()).isEqualTo(3);
        JsonNode out1 = items.get(1);
        assertThat(out1.get("direction").asText()).isEqualTo("out");
        assertThat(out1.get("counts").get("truck").asLong()).isEqualTo(1);
        JsonNode in2 = items.get(2);
        assertThat(in2.get("start").asText()).isEqualTo(wib(period.plusSeconds(900)));
        assertThat(in2.get("counts").get("bus").asLong()).isEqualTo(1);
        assertThat(in2.get("counts").get("other").asLong()).isEqualTo(1);
        assertThat(in2.get("total").asLong()).isEqualTo(2);
        // the crossing from 25 h ago is beyond the board's retention: not counted
        assertThat(items).noneMatch(i -> i.get("line").asText().equals("south_count"));

        assertThat(get("/console-api/board/counts?camera=another-camera", Role.OPERATOR).get("items")).isEmpty();

        HttpResponse<String> csv = rig.send("GET", "/console-api/board/counts?format=csv&hours=6&camera=" + HANOI,
                tokens.get(Role.DISHUB), null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("content-disposition").orElseThrow())
                .matches("attachment; filename=\"pantau-hitungan-15-menit-" + HANOI + "-\\d{8}-\\d{4}WIB\\.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("waktu_mulai,waktu_selesai,kamera,garis,arah,sepeda_motor,mobil,bus,truk,sepeda,lainnya,total");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo(wib(period) + "," + wib(period.plusSeconds(900)) + ","
                + HANOI + ",north_count,in,2,1,0,0,0,0,3");
    }

    @Test
    void levelOfServiceIsATimelinePerZoneAndViolationsAreCountedPerHour() throws Exception {
        Instant t = period.plusSeconds(120);
        rig.backend.publish(congestion("junction", t, LevelOfService.B, 15));
        rig.backend.publish(congestion("junction", t.plusSeconds(60), LevelOfService.D, 40));
        rig.backend.publish(congestion("junction", t.plusSeconds(60), LevelOfService.D, 40));   // redelivered
        rig.backend.publish(congestion("near_queue", t.plusSeconds(60), LevelOfService.A, 3));
        for (int i = 0; i < 3; i++) {
            Instant at = t.plusSeconds(10L * i);
            rig.backend.publish(new RedLightViolation(EventIds.redLightViolation(HANOI, "near", 40 + i, at), HANOI, "near",
                    40 + i, "motorcycle", at.atOffset(WIB), SignalState.RED, 1.0 + i, 3.0, 30.0,
                    new RedLightViolation.Frames(1, 2, 3), 1, "Hanoi", null, null));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> get("/console-api/board/violations", Role.DISHUB).get("items").size() == 1
                && get("/console-api/board/levels", Role.DISHUB).get("items").size() == 2);
        JsonNode zones = get("/console-api/board/levels", Role.DISHUB).get("items");
        JsonNode junction = zones.get(0);
        assertThat(junction.get("zone").asText()).isEqualTo("junction");
        assertThat(junction.get("points")).extracting(p -> p.get("level").asText()).containsExactly("B", "D");
        assertThat(junction.get("points").get(1).get("occupancy_pct").asDouble()).isEqualTo(40.0);
        assertThat(junction.get("points").get(1).get("time").asText()).endsWith("+07:00");

        JsonNode hour = get("/console-api/board/violations", Role.ADMIN).get("items").get(0);
        long h = t.getEpochSecond() - t.getEpochSecond() % 3600;
        assertThat(hour.get("start").asText()).isEqualTo(wib(Instant.ofEpochSecond(h)));
        assertThat(hour.get("approach").asText()).isEqualTo("near");
        assertThat(hour.get("violations").asLong()).isEqualTo(3);

        HttpResponse<String> levels = rig.send("GET", "/console-api/board/levels?format=csv", tokens.get(Role.DISHUB), null);
        assertThat(levels.headers().firstValue("content-disposition").orElseThrow()).contains("pantau-tingkat-pelayanan-semua-");
        assertThat(levels.body().lines().toList()).hasSize(4)
                .first().isEqualTo("waktu,kamera,zona,tingkat,okupansi_pct,antrian_m,kecepatan_kmj,kendaraan_rata2");
        assertThat(levels.body()).contains("," + HANOI + ",junction,D,40.0,8.0,12.0,2.5");
        HttpResponse<String> violations = rig.send("GET", "/console-api/board/violations?format=csv", tokens.get(Role.DISHUB), null);
        assertThat(violations.body().lines().toList()).containsExactly("waktu_mulai,waktu_selesai,kamera,pendekat,pelanggaran",
                wib(Instant.ofEpochSecond(h)) + "," + wib(Instant.ofEpochSecond(h + 3600)) + "," + HANOI + ",near,3");
    }

    @Test
    void alertsAreAcknowledgedOnceWithANoteAndNotesAreAddedAndAudited() throws Exception {
        Instant raised = Instant.now().minusSeconds(300);
        CongestionAlert jam = new CongestionAlert(EventIds.congestionAlert(HANOI, "junction", AlertState.RAISED, raised), HANOI, 1,
                raised.atOffset(WIB), "junction", AlertState.RAISED, LevelOfService.E, 55.0, 4.0);
        SignalFault dark = new SignalFault(EventIds.signalFault(HANOI, "near", SignalFaultKind.DARK, AlertState.RAISED, raised.plusSeconds(5)),
                HANOI, 1, raised.plusSeconds(5).atOffset(WIB), "near", SignalFaultKind.DARK, AlertState.RAISED, "all lamps off 30 s", 99);
        rig.backend.publish(jam);
        rig.backend.publish(jam);   // redelivered: still one alert
        rig.backend.publish(dark);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/console-api/board/alerts", Role.DISHUB).get("items").size() == 2);
        JsonNode items = get("/console-api/board/alerts?state=open", Role.DISHUB).get("items");
        assertThat(items).extracting(a -> a.get("kind").asText()).containsExactly("signal_fault", "congestion");
        assertThat(items.get(1).get("id").asText()).isEqualTo(jam.eventId());
        assertThat(items.get(1).get("detail").asText()).isEqualTo("E");
        assertThat(items.get(0).get("detail").asText()).isEqualTo("dark");

        assertThat(rig.registry.get("pantau.console.board.alerts.open").gauge().value()).isEqualTo(2);
        assertThat(rig.registry.get("pantau.console.board.alerts.unacknowledged").gauge().value()).isEqualTo(2);
        String ack = "/console-api/board/alerts/" + java.net.URLEncoder.encode(jam.eventId(), java.nio.charset.StandardCharsets.UTF_8) + "/acknowledge";
        assertThat(rig.send("POST", ack, tokens.get(Role.POLICE), "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = rig.send("POST", ack, tokens.get(Role.DISHUB), "{\"note\": 42}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("note");
        HttpResponse<String> done = rig.send("POST", ack, tokens.get(Role.DISHUB), "{\"note\": \"Petugas Dishub dikirim ke simpang\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode acked = ConsoleTestRig.json(done);
        assertThat(acked.get("acknowledged_by").asText()).isEqualTo("dishub1");
        assertThat(OffsetDateTime.parse(acked.get("acknowledged_at").asText()).toInstant())
                .isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
        assertThat(acked.get("notes").get(0).get("text").asText()).isEqualTo("Petugas Dishub dikirim ke simpang");
        HttpResponse<String> again = rig.send("POST", ack, tokens.get(Role.OPERATOR), "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already acknowledged by dishub1");

        String notes = ack.replace("/acknowledge", "/notes");
        assertThat(rig.send("POST", notes, tokens.get(Role.OPERATOR), "{\"note\": \"  \"}").statusCode()).isEqualTo(400);
        assertThat(rig.send("POST", notes, tokens.get(Role.OPERATOR), "{\"note\": \"" + "x".repeat(1001) + "\"}").body())
                .contains("at most 1000");
        HttpResponse<String> noted = rig.send("POST", notes, tokens.get(Role.OPERATOR), "{\"note\": \"Antrian mulai terurai\"}");
        assertThat(ConsoleTestRig.json(noted).get("notes")).extracting(n -> n.get("by").asText()).containsExactly("dishub1", "operator1");
        assertThat(rig.send("POST", "/console-api/board/alerts/no-such-alert/acknowledge", tokens.get(Role.DISHUB), "{}").statusCode())
                .isEqualTo(404);

        // cleared: still listed (with the note) among all alerts, no longer among the open ones
        Instant cleared = raised.plusSeconds(240);
        rig.backend.publish(new CongestionAlert(EventIds.congestionAlert(HANOI, "junction", AlertState.CLEARED, cleared), HANOI, 1,
                cleared.atOffset(WIB), "junction", AlertState.CLEARED, LevelOfService.C, 25.0, 20.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/console-api/board/alerts?state=open", Role.DISHUB).get("items").size() == 1);
        JsonNode all = get("/console-api/board/alerts?state=all", Role.DISHUB).get("items");
        assertThat(rig.registry.get("pantau.console.board.alerts.open").gauge().value()).isEqualTo(1);
        assertThat(rig.registry.get("pantau.console.board.alerts.unacknowledged").gauge().value()).as("the signal fault").isEqualTo(1);
        assertThat(OffsetDateTime.parse(all.get(1).get("cleared_at").asText()).toInstant()).isEqualTo(cleared);
        assertThat(rig.send("GET", "/console-api/board/alerts?state=closed", tokens.get(Role.DISHUB), null).body()).contains("state must be");

        JsonNode trail = get("/api/audit?entity=alert&entity_id=" + java.net.URLEncoder.encode(jam.eventId(),
                java.nio.charset.StandardCharsets.UTF_8), Role.ADMIN).get("items");
        assertThat(trail).extracting(e -> e.get("action").asText()).contains("alert.acknowledge", "alert.note");
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("dishub1");
            assertThat(e.get("after").asText()).contains("Petugas Dishub dikirim ke simpang");
        });
    }

    @Test
    void theBoardIsDishubsOperatorsAndAdminsNotThePolices() throws Exception {
        for (String path : List.of("/console-api/board/counts", "/console-api/board/levels", "/console-api/board/violations",
                "/console-api/board/alerts", "/console-api/board/map", "/console-api/board/counts?format=csv")) {
            assertThat(rig.send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(rig.send("GET", path, tokens.get(Role.POLICE), null).statusCode()).as(path).isEqualTo(403);
            for (Role r : List.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN)) {
                assertThat(rig.send("GET", path, tokens.get(r), null).statusCode()).as(path + " " + r).isEqualTo(200);
            }
        }
        HttpResponse<String> hours = rig.send("GET", "/console-api/board/counts?hours=25", tokens.get(Role.DISHUB), null);
        assertThat(hours.statusCode()).isEqualTo(400);
        assertThat(hours.body()).contains("hours must be a whole number from 1 to 24");
        assertThat(rig.send("GET", "/console-api/board/levels?format=xls", tokens.get(Role.DISHUB), null).body())
                .contains("format must be 'json' or 'csv'");
    }

    @Test
    void theMapPlacesCamerasByTheirConfiguredPositionAndListsTheOthers() throws Exception {
        JsonNode map = get("/console-api/board/map", Role.DISHUB);
        assertThat(map.get("tiles").isNull()).as("no tile server configured: a schematic").isTrue();
        JsonNode hanoi = map.get("cameras").get(0);
        assertThat(hanoi.get("id").asText()).isEqualTo(HANOI);
        assertThat(hanoi.get("name").asText()).isEqualTo("Simpang Lý Thường Kiệt - Hàng Bài");
        var position = rig.store.current(id.pantau.core.camera.CameraId.of(HANOI)).orElseThrow().position();
        if (position == null) {
            assertThat(hanoi.get("position").isNull()).isTrue();
        } else {
            assertThat(hanoi.get("position").get("lat").asDouble()).isEqualTo(position.lat());
        }
        assertThat(map.get("cameras").get(1).get("id").asText()).isEqualTo("simpang-kawat-n");
        assertThat(map.get("cameras").get(1).get("position").isNull()).as("no configuration: no position").isTrue();
    }

    @Test
    void aTileServerMustNameOneHostAndTheConsolePolicyAllowsExactlyIt() {
        MapTiles tiles = new MapTiles("https://tiles.jambikota.go.id:8443/osm/{z}/{x}/{y}.png", "© OpenStreetMap");
        assertThat(tiles.origin()).isEqualTo("https://tiles.jambikota.go.id:8443");
        assertThat(ConsoleStatic.csp(tiles)).contains("img-src 'self' blob: data: https://tiles.jambikota.go.id:8443;")
                .contains("default-src 'self'").contains("connect-src 'self'");
        assertThat(ConsoleStatic.csp(MapTiles.NONE)).contains("img-src 'self' blob: data:;").doesNotContain("http");
        assertThat(MapTiles.problem("https://{s}.tile.example.id/{z}/{x}/{y}.png")).contains("one host");
        assertThat(MapTiles.problem("https://tiles.example.id/{z}/{x}.png")).contains("{y}");
        assertThat(MapTiles.problem("ftp://tiles.example.id/{z}/{x}/{y}.png")).contains("http");
    }
}
