package id.pantau.enforcement.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.EventBus;
import id.pantau.core.json.Json;
import id.pantau.enforcement.BackOffice;
import id.pantau.enforcement.audit.AuditCheckpoints;
import id.pantau.enforcement.audit.StoreAuditAnchor;
import id.pantau.enforcement.complaint.KnownCameras;
import id.pantau.storage.local.LocalEvidenceStore;
import id.pantau.storage.signing.Ed25519ManifestSigner;
import id.pantau.storage.signing.Ed25519SignatureVerifier;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import id.pantau.enforcement.api.MetricsJson;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.core.camera.CameraId;
import id.pantau.enforcement.stored.FolderEvidenceReader;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.evidence.EvidencePackage;
import id.pantau.storage.evidence.StoredPackage;
import id.pantau.storage.signing.Ed25519SignatureVerifier;
import id.pantau.storage.signing.PemKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real enforcement service (HTTP on 127.0.0.1:0, real database, a real bus) with evidence photos that
 * are real JPEGs from ../shared written to a temp folder, and offers the steps tests repeat: users, logins,
 * violation events.
 */
public final class ServiceHarness implements AutoCloseable {
    public static final String PASSWORD = "kata-sandi-uji-123";

    private final Path dir;
    private final EnforcementConfig config;
    private final EventBus bus;
    private final Clock clock;
    private final AtomicReference<String> adminOneTimePassword = new AtomicReference<>();
    private SimpleMeterRegistry registry;
    private BackOffice service;
    private Vertx vertx;
    private Http http;
    private String adminToken;
    private final KeyPair checkpointKey;
    private final LocalEvidenceStore anchorStore;
    private final KnownCameras cameras;

    public ServiceHarness(EnforcementConfig config, EventBus bus, Path dir, Clock clock) {
        this(config, bus, dir, clock, KnownCameras.none());
    }

    /** @param cameras where the cameras stand (and what they show), for complaints */
    public ServiceHarness(EnforcementConfig config, EventBus bus, Path dir, Clock clock, KnownCameras cameras) {
        this.cameras = cameras;
        this.config = config;
        this.bus = bus;
        this.dir = dir;
        this.clock = clock;
        try {
            this.checkpointKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.anchorStore = new LocalEvidenceStore(dir.resolve("anchor"));
        start();
    }

    /** The real local evidence store the signed audit checkpoints go to (as the node's evidence store). */
    public LocalEvidenceStore anchorStore() {
        return anchorStore;
    }

    public void start() {
        registry = new SimpleMeterRegistry(); // a fresh process has fresh meters
        vertx = Vertx.vertx();
        Router root = Router.router(vertx);
        AuditCheckpoints checkpoints = new AuditCheckpoints(new StoreAuditAnchor(anchorStore),
                new Ed25519ManifestSigner(checkpointKey.getPrivate(), checkpointKey.getPublic()),
                new Ed25519SignatureVerifier(checkpointKey.getPublic()), Duration.ofMinutes(10), clock);
        service = BackOffice.start(config, bus, new FolderEvidenceReader(evidenceRoot()),
                new Ed25519SignatureVerifier(PemKeys.readEd25519PublicKey(publicKey())), checkpoints, cameras, vertx, root,
                clock,
                registry, adminOneTimePassword::set);
        // what the node's ops server adds around the back office: health from the database, metrics
        BackOffice office = service;
        root.get("/health").handler(ctx -> vertx.executeBlocking(office::databaseUp, false).onComplete(ar ->
                ctx.response().setStatusCode(ar.succeeded() && ar.result() ? 200 : 503).end()));
        root.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(Buffer.buffer(MetricsJson.render(registry))));
        HttpServer server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
        http = new Http(server.actualPort());
    }

    /** Stops the service (as a restart would); {@link #start()} brings it back on the same database. */
    public void stop() {
        service.close();
        vertx.close().await();
    }

    @Override
    public void close() {
        stop();
    }

    public Http http() {
        return http;
    }

    public BackOffice service() {
        return service;
    }

    public EventBus bus() {
        return bus;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    public Path evidenceRoot() {
        return dir.resolve("evidence");
    }

    /** The node's evidence signing key pair (made once per harness folder), as a node keeps it. */
    private synchronized Path publicKey() {
        Path priv = dir.resolve("keys/evidence-ed25519.pem");
        Path pub = dir.resolve("keys/evidence-ed25519.pub.pem");
        if (!Files.exists(pub)) {
            try {
                Files.createDirectories(pub.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PemKeys.generateEd25519(priv, pub);
        }
        return pub;
    }

    public String oneTimeAdminPassword() {
        return adminOneTimePassword.get();
    }

    /** Logs the admin in, changing the one-time password on the first call. */
    public synchronized String admin() {
        if (adminToken == null) {
            String t = login("admin", oneTimeAdminPassword());
            assertThat(http.post("/api/auth/password", t, "{\"current_password\":\"" + oneTimeAdminPassword()
                    + "\",\"new_password\":\"" + PASSWORD + "\"}").status()).isEqualTo(204);
            adminToken = login("admin", PASSWORD);
        }
        return adminToken;
    }

    public String login(String user, String password) {
        Http.Response r = http.post("/api/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as("login %s: %s", user, r.text()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    /** Creates a user with the given role through the admin API, does the first-login password change, returns a token. */
    public String user(String username, String role) {
        String initial = "awal-" + username + "-12345";
        Http.Response r = http.post("/api/users", admin(), "{\"username\":\"" + username + "\",\"password\":\"" + initial
                + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).as("create %s: %s", username, r.text()).isEqualTo(201);
        String first = login(username, initial);
        assertThat(http.post("/api/auth/password", first, "{\"current_password\":\"" + initial + "\",\"new_password\":\""
                + PASSWORD + "\"}").status()).isEqualTo(204);
        return login(username, PASSWORD);
    }

    /**
     * A violation event per the analytics contract, with three real JPEGs as its evidence photos and an extra
     * field a newer upstream might add. {@code plate} null = no reading.
     */
    public String event(String camera, long trackId, String plate, double score) {
        String eventId = camera + ":north:" + trackId + ":" + (1000 + trackId);
        String key = "evidence/" + camera + "/2026/11/23/" + eventId.replace(':', '_') + "/";
        List<String> photos = List.of("frame_before.jpg", "frame_at.jpg", "frame_after.jpg");
        writePackage(camera, eventId.replace(':', '_'), key, photos);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "red_light_violation");
        e.put("event_id", eventId);
        e.put("camera", camera);
        e.put("approach", "north");
        e.put("track_id", trackId);
        e.put("class", "motorcycle");
        e.put("time", "2026-11-23T10:00:01.234+07:00");
        e.put("signal_state", "red");
        e.put("time_into_red_s", 2.4);
        e.put("amber_duration_s", 3.0);
        e.put("speed_kmh", 23.5);
        e.put("frames", Map.of("before", 120, "at", 126, "after", 132));
        e.put("config_version", 3);
        e.put("location", "Simpang Kawat, Kota Jambi");
        if (plate != null) {
            e.put("plate", Map.of("text", plate, "region", "Jambi", "score", score));
        }
        e.put("evidence", Map.of("key", key, "manifest_sha256", "0".repeat(64), "photos", photos));
        e.put("lane_polygon_id", "added-by-a-newer-upstream");
        try {
            return Json.mapper().writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String eventId(String eventJson) {
        try {
            return Json.mapper().readTree(eventJson).get("event_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void publish(String eventJson) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(eventJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bus.publish(config.violationsTopic(), n.get("camera").asText(), eventJson.getBytes(StandardCharsets.UTF_8))
                .toCompletableFuture().join();
    }

    /** The real JPEG bytes stored as one evidence photo. */
    public byte[] photo(String eventJson, String name) {
        try {
            JsonNode n = Json.mapper().readTree(eventJson);
            return Files.readAllBytes(evidenceRoot().resolve(n.get("evidence").get("key").asText()).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The photos as the evidence stage stores them: a package with a manifest signed by the node's key. */
    private void writePackage(String camera, String violationId, String key, List<String> names) {
        publicKey();
        try (EvidenceStorage storage = EvidenceStorage.open(EvidenceStoreConfig.local(evidenceRoot(), null,
                dir.resolve("keys/evidence-ed25519.pem"), publicKey()), new SimpleMeterRegistry())) {
            List<Path> jpegs = realJpegs();
            EvidencePackage.Builder b = EvidencePackage.builder(CameraId.of(camera), violationId,
                    java.time.OffsetDateTime.parse("2026-11-23T10:00:01.234+07:00").toInstant());
            for (int i = 0; i < names.size(); i++) {
                b.add(names.get(i), Files.readAllBytes(jpegs.get(i)), "image/jpeg");
            }
            StoredPackage p = storage.write(b.build());
            assertThat(p.prefix()).isEqualTo(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real street photos with plates from the shared data set (never copied into the repository). */
    public static List<Path> realJpegs() throws IOException {
        Path images = Path.of(System.getProperty("pantau.shared", "../shared"), "data/plates/openalpr_endtoend_eu/images");
        try (Stream<Path> s = Files.list(images)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(3).toList();
            assertThat(all).as("real JPEGs under %s", images).hasSize(3);
            return all;
        }
    }
}
