package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.BearerAuth;
import id.pantau.enforcement.api.EnforcementApi;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.config.EnforcementConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The console as the app serves it, on 127.0.0.1 with a free port: the enforcement API (real users, bcrypt,
 * tokens on an H2 file) under /api, the console API under /console-api and the pages at /. The Hanoi sample
 * camera has its documented geometry as version 1 and real snapshots from its video.
 */
final class ConsoleTestRig implements AutoCloseable {
    static final String HANOI = "hanoi-lythuongkiet-hangbai";
    static final String PASSWORD = "rahasia-jambi-2026";

    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InProcessEventBus bus = new InProcessEventBus();
    final CameraConfigStore store;
    final InMemoryConsoleBackend backend;
    final EnforcementServices services;
    final ConsoleApi console;
    final HttpServer server;
    final String url;
    final List<byte[]> snapshots;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleTestRig(Path dir) throws Exception {
        this(dir, MapTiles.NONE);
    }

    /** As above, with the camera map's tiles from the given server (the node option console.map_tiles). */
    ConsoleTestRig(Path dir, MapTiles tiles) throws Exception {
        store = new CameraConfigStore(dir.resolve("cameras"));
        Path example = Path.of(System.getProperty("pantau.home", ".."), "docs", "examples", "hanoi-camera.json");
        CameraConfig hanoi = new CameraConfigLoader().load(example);
        store.save(hanoi);
        backend = new InMemoryConsoleBackend(store, bus, registry);
        snapshots = SharedVideoSnapshots.jpegs(SharedVideoSnapshots.HANOI, 3, 6);
        backend.camera(new CameraStatus(HANOI, "STREAMING 640x480 @ 6.00 fps", true, 6.0, 640, 480, 120, 0,
                "Simpang Lý Thường Kiệt - Hàng Bài"), snapshots.getFirst());
        backend.camera(new CameraStatus("simpang-kawat-n", "DOWN: connection refused (retry in 4.0 s)", false, 0, 0, 0, -1, 0), null);

        EnforcementConfig config = EnforcementConfig.defaults(dir.resolve("enforcement")).withBcryptCost(4);
        services = EnforcementServices.open(config, key -> Files.readAllBytes(dir.resolve(key)), Clock.systemUTC(), registry);
        for (Role r : Role.people()) {
            services.users().create("test", r.wire() + "1", PASSWORD, r, false);
        }
        console = ConsoleApi.start(vertx, backend, BearerAuth.create(vertx, services.tokens()), services, registry, tiles);
        Router root = Router.router(vertx);
        root.route("/api/*").subRouter(EnforcementApi.router(vertx, services, () -> 0));
        root.route("/console-api/*").subRouter(console.router());
        ConsoleStatic.mount(root, tiles);
        server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
        url = "http://127.0.0.1:" + server.actualPort();
    }

    /** Logs the role's test user in over HTTP and returns the bearer token. */
    String login(Role role) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + role.wire() + "1\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + role + " failed: " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body()).get("token").asText();
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("content-type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        console.close();
        server.close().await();
        vertx.close().await();
        services.close();
        bus.close();
    }
}
