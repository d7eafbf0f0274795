package id.pantau.app;

import id.pantau.app.config.NodeConfigLoader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A node running only the enforcement stage: the back office mounted under /api, with the OpenAPI document public. */
class NodeEnforcementTest {
    @TempDir
    Path dir;

    @Test
    void mountsTheEnforcementApiBehindAuthenticationAndServesOpenApiPublicly() throws Exception {
        Path yaml = dir.resolve("node.yaml");
        Files.writeString(yaml, """
                http: {port: 0}
                data_dir: data
                stages: [enforcement]
                """);
        AtomicReference<String> oneTimePassword = new AtomicReference<>();
        try (Pantau node = Pantau.start(NodeConfigLoader.load(yaml), oneTimePassword::set)) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, node.url() + "openapi", null).statusCode()).isEqualTo(200);
            assertThat(get(http, node.url() + "api/violations", null).statusCode()).isEqualTo(401);

            assertThat(oneTimePassword.get()).isNotBlank();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(node.url() + "api/auth/login"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
                            .put("password", oneTimePassword.get()).encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            String token = new JsonObject(login.body()).getString("token");
            // the admin must change the one-time password before anything else; police-only paths stay closed
            assertThat(get(http, node.url() + "api/violations", token).statusCode()).isEqualTo(403);
            assertThat(dir.resolve("data/keys/evidence-ed25519.pem")).exists();
            // a path the router cannot read is the client's 400, as JSON
            URI base = URI.create(node.url());
            try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
                s.getOutputStream().write("GET /api/violations/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String reply = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(reply).startsWith("HTTP/1.1 400").contains("malformed request");
            }
        }
        // the audit chain's head was signed into the evidence store, and the database file is the node's alone
        try (var files = Files.walk(dir.resolve("data"))) {
            assertThat(files.map(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .anySatisfy(p -> assertThat(p).matches(".*audit/checkpoints/\\d{12}\\.json"));
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data/enforcement.mv.db")))).isEqualTo("rw-------");
    }

    @Test
    void aViolationTheDatabaseRefusesShowsOnHealthAsADeadLetterNotAsUp() throws Exception {
        Path yaml = dir.resolve("node2.yaml");
        Files.writeString(yaml, """
                http: {port: 0}
                data_dir: data2
                stages: [enforcement]
                """);
        try (Pantau node = Pantau.start(NodeConfigLoader.load(yaml), p -> { })) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> healthy = get(http, node.url() + "health", null);
            assertThat(new JsonObject(healthy.body()).getString("status")).as(healthy.body()).isEqualTo("UP");
            // a violation whose location is longer than the column holds (an old camera config accepted 235 chars)
            JsonObject event = new JsonObject().put("type", "red_light_violation").put("event_id", "cam-x:north:7:1007")
                    .put("camera", "cam-x").put("approach", "north").put("track_id", 7).put("class", "motorcycle")
                    .put("time", "2026-11-23T10:00:01.234+07:00").put("signal_state", "red").put("time_into_red_s", 2.4)
                    .put("frames", new JsonObject().put("before", 1).put("at", 2).put("after", 3))
                    .put("location", "Jalan ".repeat(40));
            node.bus().publish("pantau.violations", "cam-x", event.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toCompletableFuture().join();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> h = get(http, node.url() + "health", null);
                JsonObject body = new JsonObject(h.body());
                assertThat(h.statusCode()).isEqualTo(200);
                assertThat(body.getString("status")).as(h.body()).isEqualTo("DEGRADED");
                assertThat(body.getJsonObject("details").getLong("dead_letters")).isEqualTo(1L);
            });
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
