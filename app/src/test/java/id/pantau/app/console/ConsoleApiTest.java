package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.core.json.Json;
import id.pantau.enforcement.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static id.pantau.app.console.ConsoleTestRig.HANOI;
import static org.assertj.core.api.Assertions.assertThat;

/** The console API over real HTTP: authentication and roles, geometry versions, live events and snapshots. */
class ConsoleApiTest {
    @TempDir
    static Path dir;
    static ConsoleTestRig rig;
    static Map<Role, String> tokens = new java.util.EnumMap<>(Role.class);

    @BeforeAll
    static void start() throws Exception {
        rig = new ConsoleTestRig(dir);
        for (Role r : Role.people()) {
            tokens.put(r, rig.login(r));
        }
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void everyRouteNeedsAValidToken() throws Exception {
        for (String path : List.of("/console-api/cameras", "/console-api/cameras/" + HANOI + "/config",
                "/console-api/congestion", "/console-api/events", "/console-api/cameras/" + HANOI + "/snapshot.jpg")) {
            HttpResponse<String> none = rig.send("GET", path, null, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.body()).contains("Authorization: Bearer");
            assertThat(rig.send("GET", path, "not-a-token", null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(rig.send("PUT", "/console-api/cameras/" + HANOI + "/config", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void theChartAndMapLibrariesAreServedByTheNodeItself() throws Exception {
        HttpResponse<String> uplot = rig.send("GET", "/vendor/uplot/1.6.30/dist/uPlot.iife.min.js", null, null);
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        HttpResponse<String> leaflet = rig.send("GET", "/vendor/leaflet/1.9.4/dist/leaflet.js", null, null);
        assertThat(leaflet.statusCode()).isEqualTo(200);
        assertThat(leaflet.headers().firstValue("content-security-policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(rig.send("GET", "/vendor/", null, null).statusCode()).as("no directory listing").isNotEqualTo(200);
    }

    @Test
    void anAccountThatMustChangeItsPasswordIsRefusedUntilItDoes() throws Exception {
        rig.services.users().create("test", "baru1", ConsoleTestRig.PASSWORD, Role.OPERATOR, true);
        HttpResponse<String> login = rig.send("POST", "/api/auth/login", null,
                "{\"username\":\"baru1\",\"password\":\"" + ConsoleTestRig.PASSWORD + "\"}");
        String token = ConsoleTestRig.json(login).get("token").asText();
        HttpResponse<String> r = rig.send("GET", "/console-api/cameras", token, null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("password change required");
        // the reason as a stable word the console translates
        assertThat(ConsoleTestRig.json(r).get("reason").asText()).isEqualTo("password_change_required");
    }

    @Test
    void rolesDecideWhoReadsAndWhoEditsGeometry() throws Exception {
        String config = "/console-api/cameras/" + HANOI + "/config";
        HttpResponse<String> police = rig.send("GET", config, tokens.get(Role.POLICE), null);
        assertThat(police.statusCode()).isEqualTo(403);
        JsonNode refused = ConsoleTestRig.json(police);
        assertThat(refused.get("reason").asText()).isEqualTo("role_not_allowed");
        assertThat(refused.get("role").asText()).isEqualTo("police");
        assertThat(refused.get("allowed_roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("dishub", "operator", "admin");
        for (Role reader : List.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN)) {
            assertThat(rig.send("GET", config, tokens.get(reader), null).statusCode()).as(reader.wire()).isEqualTo(200);
        }
        String body = rig.send("GET", config, tokens.get(Role.OPERATOR), null).body();
        for (Role notEditor : List.of(Role.POLICE, Role.DISHUB)) {
            HttpResponse<String> r = rig.send("PUT", config, tokens.get(notEditor), body);
            assertThat(r.statusCode()).as(notEditor.wire()).isEqualTo(403);
            assertThat(r.body()).contains("allowed roles").contains("operator").contains("admin");
            assertThat(rig.send("POST", config + "/versions/1/activate", tokens.get(notEditor), null).statusCode()).isEqualTo(403);
        }
        assertThat(rig.send("GET", "/console-api/congestion", tokens.get(Role.POLICE), null).statusCode()).isEqualTo(403);
        assertThat(rig.send("GET", "/console-api/congestion", tokens.get(Role.DISHUB), null).statusCode()).isEqualTo(200);
        // everyone sees the camera list
        for (Role r : Role.people()) {
            HttpResponse<String> cams = rig.send("GET", "/console-api/cameras", tokens.get(r), null);
            assertThat(cams.statusCode()).isEqualTo(200);
            assertThat(ConsoleTestRig.json(cams).get("items")).extracting(n -> n.get("id").asText())
                    .containsExactly(HANOI, "simpang-kawat-n");
        }
    }

    @Test
    void anInvalidGeometryIs400NamingEveryBadFieldAndChangesNothing() throws Exception {
        String config = "/console-api/cameras/" + HANOI + "/config";
        List<Integer> before = rig.store.versions(CameraId.of(HANOI));
        ObjectNode draft = (ObjectNode) ConsoleTestRig.json(rig.send("GET", config, tokens.get(Role.OPERATOR), null));
        ((ArrayNode) draft.get("zones")).addObject().put("id", "too_small").set("polygon", Json.mapper().readTree("[[10,10],[20,20]]"));
        ((ObjectNode) draft.get("counting_lines").get(0)).set("a", Json.mapper().readTree("[900, 10]"));

        HttpResponse<String> r = rig.send("PUT", config, tokens.get(Role.OPERATOR), draft.toString());

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problem = ConsoleTestRig.json(r);
        assertThat(problem.get("error").asText()).isEqualTo("invalid_config");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .contains("zones[2].polygon", "counting_lines[0].a");
        assertThat(problem.get("errors").toString()).contains("at least 3 vertices").contains("outside the 640x480 frame");
        // the same problems as stable codes with their values, which the page translates
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo("counting_lines[0].a");
            assertThat(e.get("code").asText()).isEqualTo("outside_frame");
            assertThat(e.get("params").get("frame").asText()).isEqualTo("640x480");
        });
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("code").asText()).isEqualTo("too_few_vertices");
            assertThat(e.get("params").get("count").asInt()).isEqualTo(2);
        });
        assertThat(rig.store.versions(CameraId.of(HANOI))).isEqualTo(before);

        // a detector profile whose tiles leave the frame is refused when saved, naming the field
        ObjectNode profiled = (ObjectNode) ConsoleTestRig.json(rig.send("GET", config, tokens.get(Role.OPERATOR), null));
        profiled.putObject("detector").set("tiles", Json.mapper().readTree("[[0, 0, 900, 300]]"));
        HttpResponse<String> badProfile = rig.send("PUT", config, tokens.get(Role.OPERATOR), profiled.toString());
        assertThat(badProfile.statusCode()).as(badProfile.body()).isEqualTo(400);
        assertThat(ConsoleTestRig.json(badProfile).get("errors").get(0).get("message").asText()).contains("detector.tiles");
        assertThat(rig.store.versions(CameraId.of(HANOI))).isEqualTo(before);

        HttpResponse<String> typo = rig.send("PUT", config, tokens.get(Role.OPERATOR), "{\"zonez\": []}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(ConsoleTestRig.json(typo).get("errors").get(0).get("message").asText()).contains("zonez");
        HttpResponse<String> otherCamera = rig.send("PUT", config, tokens.get(Role.OPERATOR),
                draft.put("camera", "another-camera").toString());
        assertThat(ConsoleTestRig.json(otherCamera).get("errors").get(0).get("field").asText()).isEqualTo("camera");
        assertThat(rig.send("PUT", config, tokens.get(Role.OPERATOR), "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void savingMakesANewVersionAndAnOldOneCanBeActivatedAgain() throws Exception {
        CameraId hanoi = CameraId.of(HANOI);
        String config = "/console-api/cameras/" + HANOI + "/config";
        ObjectNode draft = (ObjectNode) ConsoleTestRig.json(rig.send("GET", config, tokens.get(Role.OPERATOR), null));
        int previous = draft.get("version").asInt();
        ((ArrayNode) draft.get("zones")).addObject().put("id", "far_side")
                .set("polygon", Json.mapper().readTree("[[100,120],[300,120],[300,190],[100,190]]"));

        HttpResponse<String> saved = rig.send("PUT", config, tokens.get(Role.OPERATOR), draft.toString());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        int version = ConsoleTestRig.json(saved).get("version").asInt();
        assertThat(version).isGreaterThan(previous);
        assertThat(rig.store.current(hanoi).orElseThrow().zones()).extracting(z -> z.id()).contains("far_side");
        JsonNode versions = ConsoleTestRig.json(rig.send("GET", config + "/versions", tokens.get(Role.DISHUB), null));
        assertThat(versions.get("current").asInt()).isEqualTo(version);
        assertThat(versions.get("versions")).extracting(JsonNode::asInt).contains(previous, version);

        HttpResponse<String> back = rig.send("POST", config + "/versions/" + previous + "/activate", tokens.get(Role.ADMIN), null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(rig.store.current(hanoi).orElseThrow().version()).isEqualTo(previous);
        assertThat(rig.store.versions(hanoi)).contains(version);   // nothing is deleted by a rollback
        assertThat(rig.send("GET", config + "/versions/" + version, tokens.get(Role.OPERATOR), null).body()).contains("far_side");
        // both are in the back office's audit trail, with who did it
        JsonNode trail = ConsoleTestRig.json(rig.send("GET", "/api/audit?entity=camera_config&entity_id=" + HANOI,
                tokens.get(Role.ADMIN), null)).get("items");
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("camera_config.save");
            assertThat(e.get("actor").asText()).isEqualTo("operator1");
            assertThat(e.get("after").asText()).contains("\"version\":" + version);
        });
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("camera_config.activate");
            assertThat(e.get("actor").asText()).isEqualTo("admin1");
        });

        HttpResponse<String> missing = rig.send("POST", config + "/versions/999/activate", tokens.get(Role.OPERATOR), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no configuration version 999");
        assertThat(rig.send("GET", "/console-api/cameras/no-such-camera/config", tokens.get(Role.OPERATOR), null).statusCode()).isEqualTo(404);
    }

    @Test
    void liveEventsReachEveryRoleButPlatesOnlyThePolice() throws Exception {
        BlockingQueue<String> police = stream(Role.POLICE);
        BlockingQueue<String> dishub = stream(Role.DISHUB);
        OffsetDateTime t = OffsetDateTime.parse("2026-11-23T10:00:01.234+07:00");
        RedLightViolation v = new RedLightViolation(HANOI + ":near:17:126", HANOI, "near", 17, "car", t, SignalState.RED,
                1.4, 3.0, 32.5, new RedLightViolation.Frames(120, 126, 132), 1, "Hanoi",
                Json.mapper().readTree("{\"text\":\"BH 1234 XY\",\"score\":0.91}"), null);
        ZoneCongestion z = new ZoneCongestion(HANOI + ":junction:" + t, HANOI, 1, t, t.minusSeconds(60), "junction",
                7.5, 11, 42.0, 12.0, 18.5, Map.of("car", 6.0, "motorcycle", 14.0), LevelOfService.D);

        rig.backend.publish(v);
        rig.backend.publish(z);

        String toPolice = next(police, RedLightViolation.TYPE);
        String toDishub = next(dishub, RedLightViolation.TYPE);
        assertThat(toPolice).contains(v.eventId()).contains("BH 1234 XY");
        assertThat(toDishub).contains(v.eventId()).contains("\"approach\":\"near\"").doesNotContain("BH 1234").doesNotContain("plate");
        assertThat(next(dishub, ZoneCongestion.TYPE)).contains("\"level\":\"D\"");

        // a record that is not an event is skipped and counted; the feed goes on
        rig.bus.publish(InMemoryConsoleBackend.EVENTS_TOPIC, HANOI, "{\"type\":\"nonsense\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ZoneCongestion later = new ZoneCongestion(HANOI + ":near_queue:" + t, HANOI, 1, t, t.minusSeconds(60), "near_queue",
                2.0, 3, 9.0, 25.0, 4.0, Map.of("car", 2.0), LevelOfService.B);
        rig.backend.publish(later);
        assertThat(next(dishub, ZoneCongestion.TYPE)).contains(later.eventId());
        assertThat(rig.registry.counter("pantau.console.events.undecodable", "topic", InMemoryConsoleBackend.EVENTS_TOPIC).count()).isEqualTo(1);

        JsonNode board = ConsoleTestRig.json(rig.send("GET", "/console-api/congestion", tokens.get(Role.DISHUB), null));
        assertThat(board.get("items").get(0).get("congestion").get("zone").asText()).isEqualTo("junction");
        assertThat(board.get("items").get(0).get("congestion").get("level").asText()).isEqualTo("D");
    }

    @Test
    void snapshotIsTheCamerasLatestFrameAsJpeg() throws Exception {
        HttpResponse<byte[]> r = rig.getBytes("/console-api/cameras/" + HANOI + "/snapshot.jpg", tokens.get(Role.DISHUB));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("image/jpeg");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(480);
        assertThat(r.body()).isEqualTo(rig.snapshots.getFirst());

        HttpResponse<byte[]> none = rig.getBytes("/console-api/cameras/simpang-kawat-n/snapshot.jpg", tokens.get(Role.OPERATOR));
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(new String(none.body())).contains("no frame yet");
    }

    @Test
    void thePagesAreServedWithAPolicyThatForbidsOutsideResources() throws Exception {
        HttpResponse<String> index = rig.send("GET", "/", null, null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Pantau");
        assertThat(index.headers().firstValue("content-security-policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        try (Stream<Path> files = java.nio.file.Files.walk(Path.of(System.getProperty("pantau.home", ".."),
                "app", "src", "main", "resources", "console"))) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(java.nio.file.Files.readString(f)).as(f.toString()).doesNotContainPattern("(src|href)=\"(https?:)?//");
            }
        }
    }

    /** Opens an event stream as the role and returns its lines; waits until the server confirmed it is open. */
    private static BlockingQueue<String> stream(Role role) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(rig.url + "/console-api/events"))
                .header("Authorization", "Bearer " + tokens.get(role)).build();
        HttpResponse<Stream<String>> r = rig.http().send(req, HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread.ofVirtual().start(() -> r.body().forEach(lines::add));
        assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(": connected");
        return lines;
    }

    /** The data line of the next event of the type. */
    private static String next(BlockingQueue<String> lines, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean inType = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event: ")) {
                inType = line.equals("event: " + type);
            } else if (inType && line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("no " + type + " event within 5 s");
    }

    @Test
    void theVersionListNamesWhoSavedEachVersionWhenAndTheDiffShowsWhatChanged() throws Exception {
        String config = "/console-api/cameras/" + HANOI + "/config";
        ObjectNode draft = (ObjectNode) ConsoleTestRig.json(rig.send("GET", config, tokens.get(Role.ADMIN), null));
        int from = draft.get("version").asInt();
        ((ArrayNode) draft.get("zones")).addObject().put("id", "diff_zone")
                .set("polygon", Json.mapper().readTree("[[10,20],[200,20],[200,90],[10,90]]"));
        ArrayNode firstPolygon = (ArrayNode) draft.get("zones").get(0).get("polygon");
        JsonNode oldCorner = firstPolygon.get(1).deepCopy();
        firstPolygon.set(1, Json.mapper().readTree("[333, 222]"));
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);

        HttpResponse<String> saved = rig.send("PUT", config, tokens.get(Role.ADMIN), draft.toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        int to = ConsoleTestRig.json(saved).get("version").asInt();

        JsonNode items = ConsoleTestRig.json(rig.send("GET", config + "/versions", tokens.get(Role.DISHUB), null)).get("items");
        JsonNode mine = null;
        for (JsonNode i : items) {
            if (i.get("version").asInt() == to) {
                mine = i;
            }
        }
        assertThat(mine).as("the new version in items: " + items).isNotNull();
        assertThat(mine.get("author").asText()).isEqualTo("admin1");
        assertThat(mine.get("current").asBoolean()).isTrue();
        java.time.Instant at = java.time.Instant.parse(mine.get("saved_at").asText());
        assertThat(at).isBetween(before, java.time.Instant.now().plusSeconds(1));

        HttpResponse<String> diff = rig.send("GET", config + "/diff?from=" + from + "&to=" + to, tokens.get(Role.DISHUB), null);
        assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
        JsonNode changes = ConsoleTestRig.json(diff).get("changes");
        String firstZone = draft.get("zones").get(0).get("id").asText();
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("path").asText()).isEqualTo("zones[" + firstZone + "].polygon[1]");
            assertThat(c.get("old")).isEqualTo(oldCorner);
            assertThat(c.get("new").get(0).asDouble()).isEqualTo(333);
            assertThat(c.get("new").get(1).asDouble()).isEqualTo(222);
        });
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("path").asText()).isEqualTo("zones[diff_zone]");
            assertThat(c.get("old").isNull()).isTrue();
            assertThat(c.get("new").get("id").asText()).isEqualTo("diff_zone");
        });
        assertThat(changes).as("only what changed").hasSize(2);

        HttpResponse<String> bad = rig.send("GET", config + "/diff?from=x&to=" + to, tokens.get(Role.DISHUB), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from");
        assertThat(rig.send("GET", config + "/diff?from=1&to=999", tokens.get(Role.DISHUB), null).statusCode()).isEqualTo(404);
        assertThat(rig.send("GET", config + "/diff?from=1&to=" + to, tokens.get(Role.POLICE), null).statusCode()).isEqualTo(403);
    }

    @Test
    void theCalibrationCheckGivesEachPointsErrorAndRefusesADegenerateSet() throws Exception {
        String check = "/console-api/cameras/" + HANOI + "/calibration/check";
        // the Hanoi sample's four points, the last one mis-measured by a metre
        String good = "{\"points\": [{\"image\": [40, 357], \"ground_m\": [0, 0]}, {\"image\": [505, 368], \"ground_m\": [13.3, 0]},"
                + " {\"image\": [490, 331], \"ground_m\": [13.3, 3.0]}, {\"image\": [85, 324], \"ground_m\": [0, 3.0]},"
                + " {\"image\": [300, 340], \"ground_m\": [%s, 1.5]}]}";
        JsonNode fit = ConsoleTestRig.json(rig.send("POST", check, tokens.get(Role.OPERATOR), good.formatted("7.4")));
        assertThat(fit.get("points")).hasSize(5);
        assertThat(fit.get("limit_m").asDouble()).isEqualTo(0.5);
        JsonNode off = ConsoleTestRig.json(rig.send("POST", check, tokens.get(Role.OPERATOR), good.formatted("12.0")));
        assertThat(off.get("max_error_m").asDouble()).as(off.toString()).isGreaterThan(fit.get("max_error_m").asDouble());
        assertThat(off.get("ok").asBoolean()).isFalse();

        HttpResponse<String> line = rig.send("POST", check, tokens.get(Role.OPERATOR),
                "{\"points\": [{\"image\": [10, 10], \"ground_m\": [0, 0]}, {\"image\": [20, 20], \"ground_m\": [1, 1]},"
                        + " {\"image\": [30, 30], \"ground_m\": [2, 2]}, {\"image\": [40, 40], \"ground_m\": [3, 3]}]}");
        assertThat(line.statusCode()).as(line.body()).isEqualTo(400);
        assertThat(ConsoleTestRig.json(line).get("errors").get(0).get("code").asText()).isEqualTo("calibration_degenerate");
        HttpResponse<String> three = rig.send("POST", check, tokens.get(Role.OPERATOR),
                "{\"points\": [{\"image\": [10, 10], \"ground_m\": [0, 0]}]}");
        assertThat(ConsoleTestRig.json(three).get("errors").get(0).get("code").asText()).isEqualTo("calibration_too_few");
        HttpResponse<String> junk = rig.send("POST", check, tokens.get(Role.OPERATOR), "{\"points\": [{\"image\": \"x\"}]}");
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(ConsoleTestRig.json(junk).get("errors").get(0).get("field").asText()).isEqualTo("points[0].image");
        assertThat(rig.send("POST", check, tokens.get(Role.POLICE), good.formatted("7.4")).statusCode()).isEqualTo(403);
    }

    @Test
    void everyConsoleRouteIsDescribedInTheServedOpenApiDocument() throws Exception {
        com.fasterxml.jackson.databind.JsonNode doc = id.pantau.core.json.Json.yaml().readTree(
                id.pantau.enforcement.api.EnforcementApi.openApiDocument().getBytes());
        java.util.List<String> missing = new java.util.ArrayList<>();
        int checked = 0;
        for (io.vertx.ext.web.Route route : rig.console.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || route.methods().isEmpty()) {
                continue;   // the body handler, the auth handler, the failure handlers
            }
            checked++;
            String openApi = path.replaceAll(":([a-z_]+)", "{$1}");
            com.fasterxml.jackson.databind.JsonNode p = doc.path("paths").path(openApi);
            for (io.vertx.core.http.HttpMethod m : route.methods()) {
                if (p.isMissingNode() || !p.has(m.name().toLowerCase(java.util.Locale.ROOT))) {
                    missing.add(m + " " + path);
                } else if (!p.path("servers").path(0).path("url").asText().equals("/console-api")) {
                    missing.add(m + " " + path + " (not under /console-api)");
                }
            }
        }
        assertThat(checked).as("console routes found").isGreaterThanOrEqualTo(8);
        assertThat(missing).as("console routes missing from /openapi").isEmpty();
    }

    @Test
    void everyConsoleRouteAdmitsExactlyTheRolesItsOpenApiEntryNames() throws Exception {
        JsonNode doc = Json.yaml().readTree(id.pantau.enforcement.api.EnforcementApi.openApiDocument().getBytes());
        List<String> wrong = new java.util.ArrayList<>();
        int calls = 0;
        for (io.vertx.ext.web.Route route : rig.console.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            for (io.vertx.core.http.HttpMethod m : route.methods()) {
                JsonNode op = doc.path("paths").path(path.replaceAll(":([a-z_]+)", "{$1}"))
                        .path(m.name().toLowerCase(java.util.Locale.ROOT));
                java.util.Set<String> named = new java.util.HashSet<>();
                op.path("x-roles").forEach(r -> named.add(r.asText()));
                if (named.isEmpty()) {
                    wrong.add(m + " " + path + ": no x-roles");
                    continue;
                }
                // requests that change nothing: a version and an alert that do not exist, an empty body
                String url = "/console-api" + path.replace(":camera", HANOI).replace(":version", "999")
                        .replace(":alert", "no-such-alert") + (path.equals("/live/wall") ? "?cameras=" + HANOI : "");
                for (Role role : Role.people()) {
                    int status = statusOnly(m.name(), url, tokens.get(role));
                    calls++;
                    boolean admitted = status != 403 && status != 401;
                    if (admitted != named.contains(role.wire())) {
                        wrong.add(m + " " + path + " as " + role.wire() + ": " + status + " but x-roles " + named);
                    }
                }
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(80);
        assertThat(wrong).isEmpty();
    }

    /** The status of a request, without reading the body (a stream would never end). */
    private static int statusOnly(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rig.url + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
        if (method.equals("POST") || method.equals("PUT")) {
            b.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<java.io.InputStream> r = rig.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }
}
