package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.ConfigError;
import id.pantau.core.camera.config.InvalidCameraConfigException;
import id.pantau.core.json.Json;
import id.pantau.detect.model.DetectorSetupException;
import id.pantau.detect.profile.CameraDetectorConfig;
import id.pantau.enforcement.http.ApiErrors;
import id.pantau.enforcement.audit.AuditRecorder;
import id.pantau.enforcement.http.BearerAuth;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Problem;
import id.pantau.enforcement.http.Replies;
import id.pantau.enforcement.http.Reply;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.auth.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The web console's HTTP API, a Vert.x router to mount under {@code /console-api}. Every route needs a bearer
 * token from {@code POST /api/auth/login} (checked by the enforcement module's {@link BearerAuth}, so users,
 * roles and password rules are the back office's) and names the roles allowed on it:
 *
 * <ul>
 *   <li>cameras, snapshots, live video with its overlay and the live event stream: every role (plates in events
 *   for police only);</li>
 *   <li>camera geometry: read by dishub, operator and admin; saved and activated by operator and admin;</li>
 *   <li>congestion board and Dishub's board (counts, levels, violations, alerts, camera map; acknowledging and
 *   noting alerts): dishub, operator and admin.</li>
 * </ul>
 *
 * Errors are JSON {@code {"error", "message"}}; an invalid geometry is a 400 that also lists every bad field in
 * {@code errors: [{field, message}]}. File work runs on worker threads.
 */
public final class ConsoleApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);
    static final Set<Role> ANY = Role.people();
    static final Set<Role> CONFIG_READERS = EnumSet.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN);
    static final Set<Role> CONFIG_EDITORS = EnumSet.of(Role.OPERATOR, Role.ADMIN);
    static final Set<Role> CONGESTION = EnumSet.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN);
    /** Dishub's board: the traffic figures are the city transport agency's (and the operators'), not the police's. */
    static final Set<Role> BOARD = CONGESTION;
    private static final int MAX_BODY_BYTES = 256 * 1024;
    /** More than a screen can show; bounds what one request may subscribe to. */
    private static final int MAX_WALL_CAMERAS = 64;
    /**
     * How often a live stream's token is checked again: a stream outlives the token it was opened with, and a user
     * logged out, expired or disabled must stop watching (the page then gets 401 and shows the login). Tests
     * shorten it.
     */
    static volatile long liveTokenCheckMillis = 30_000;

    private final Vertx vertx;
    private final ConsoleBackend backend;
    private final BearerAuth auth;
    private final AuditRecorder audit;
    private final LiveEvents live;
    private final LiveVideo liveVideo;
    private final LiveOverlay overlay;
    private final LiveWall wall;
    private final AutoCloseable tracks;
    private final CongestionBoard board = new CongestionBoard();
    private final DishubBoard dishub;
    private final CameraConfigLoader loader = new CameraConfigLoader();
    private final Counter rejectedConfigs;
    private final EventBus.Subscription subscription;
    private final Router router;
    private final Guard guard;

    private ConsoleApi(Vertx vertx, ConsoleBackend backend, BearerAuth auth, AuditRecorder audit, MeterRegistry registry,
                       MapTiles tiles, Clock clock) {
        this.audit = audit;
        this.dishub = new DishubBoard(clock, backend, audit, tiles, registry);
        this.vertx = vertx;
        this.backend = backend;
        this.auth = auth;
        this.live = new LiveEvents(vertx, registry);
        this.liveVideo = new LiveVideo(vertx, registry);
        this.overlay = new LiveOverlay(vertx, registry);
        this.wall = new LiveWall(vertx);
        this.guard = new Guard(vertx, this::known);
        this.rejectedConfigs = Counter.builder("pantau.console.config.rejected")
                .description("camera configurations refused as invalid (a stream of these: an editor or script is stuck)")
                .register(registry);
        this.subscription = backend.subscribe(e -> {
            try {
                board.accept(e);
                dishub.accept(e);
                live.publish(e);
                overlay.event(e);
            } catch (RuntimeException ex) {
                // the console must never stall the bus: a bad event is logged and skipped
                log.warn("console could not show event {} of camera {}: {}", e.eventId(), e.camera(), ex.toString());
            }
        });
        this.tracks = backend.onTracks(f -> {
            try {
                overlay.tracked(f);
            } catch (RuntimeException ex) {
                log.warn("console could not show the tracks of camera {}: {}", f.camera(), ex.toString());
            }
        });
        this.router = build();
    }

    /**
     * Subscribes to the backend's events and builds the router. Mount it with
     * {@code root.route("/console-api/*").subRouter(api.router())}; {@link #close} when the server stops.
     *
     * @param auth  {@code BearerAuth.create(vertx, enforcementServices.tokens())}
     * @param audit the back office's audit trail ({@code enforcementServices}): geometry saves and activations are
     *              recorded there, beside logins and case decisions
     */
    public static ConsoleApi start(Vertx vertx, ConsoleBackend backend, BearerAuth auth, AuditRecorder audit,
                                   MeterRegistry registry) {
        return start(vertx, backend, auth, audit, registry, MapTiles.NONE);
    }

    /** As above, with the tile server of the camera map ({@code console.map_tiles}; {@link MapTiles#NONE}: a schematic). */
    public static ConsoleApi start(Vertx vertx, ConsoleBackend backend, BearerAuth auth, AuditRecorder audit,
                                   MeterRegistry registry, MapTiles tiles) {
        return new ConsoleApi(vertx, backend, auth, audit, registry, tiles, Clock.systemUTC());
    }

    public Router router() {
        return router;
    }

    private Router build() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        r.route().handler(auth);

        r.get("/cameras").handler(ctx -> guarded(ctx, ANY, () -> Map.of("items", backend.cameras())));
        r.get("/cameras/:camera/snapshot.jpg").handler(ctx -> {
            if (BearerAuth.allowed(ctx, ANY)) {
                snapshot(ctx);
            }
        });
        r.get("/cameras/:camera/live.mp4").handler(ctx -> {
            if (BearerAuth.allowed(ctx, ANY)) {
                liveVideo(ctx);
            }
        });
        r.get("/cameras/:camera/config").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            CameraId id = camera(ctx);
            return backend.configs().current(id).orElseThrow(() -> new NotFound("camera " + id
                    + " has no geometry configuration yet; an operator can draw one in the editor and save it"));
        }));
        r.get("/cameras/:camera/config/versions").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            CameraId id = camera(ctx);
            Integer current = backend.configs().current(id).map(CameraConfig::version).orElse(null);
            List<Integer> versions = backend.configs().versions(id);
            // items: who saved each version and when, for the editor's version list
            List<Map<String, Object>> items = backend.configs().history(id).stream().map(v -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("version", v.version());
                m.put("author", v.author());
                m.put("saved_at", v.savedAt().toString());
                m.put("current", current != null && current == v.version());
                return m;
            }).toList();
            return current == null ? Map.of("versions", versions, "items", items)
                    : Map.of("versions", versions, "current", current, "items", items);
        }));
        r.get("/cameras/:camera/config/diff").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            CameraId id = camera(ctx);
            int from = versionParam(ctx, "from");
            int to = versionParam(ctx, "to");
            JsonNode a = Json.mapper().valueToTree(storedVersion(ctx, id, from));
            JsonNode b = Json.mapper().valueToTree(storedVersion(ctx, id, to));
            return Map.of("from", from, "to", to,
                    "changes", ConfigDiff.between(a, b).stream().map(ConfigDiff::wire).toList());
        }));
        r.get("/cameras/:camera/config/versions/:version").handler(ctx -> guarded(ctx, CONFIG_READERS,
                () -> storedVersion(ctx, camera(ctx), version(ctx))));
        r.post("/cameras/:camera/calibration/check").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            camera(ctx);
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            JsonNode tree;
            try {
                tree = body == null || body.length() == 0 ? null : Json.mapper().readTree(body.getBytes());
            } catch (IOException e) {
                tree = null;
            }
            return CalibrationCheck.check(tree);
        }));
        r.put("/cameras/:camera/config").handler(ctx -> guarded(ctx, CONFIG_EDITORS, 201, () -> save(ctx)));
        r.post("/cameras/:camera/config/versions/:version/activate").handler(ctx -> guarded(ctx, CONFIG_EDITORS, () -> {
            CameraId id = camera(ctx);
            int v = version(ctx);
            storedVersion(ctx, id, v);
            CameraConfig c = backend.configs().activate(id, v);
            log.info("camera {} configuration v{} activated by {}", id, v, BearerAuth.user(ctx).username());
            audit.record(BearerAuth.user(ctx).username(), "camera_config.activate", "camera_config", id.value(), null,
                    Map.of("version", v));
            return c;
        }));

        r.get("/live/wall").handler(ctx -> {
            if (BearerAuth.allowed(ctx, ANY)) {
                liveWall(ctx);
            }
        });
        r.get("/live/overlay").handler(ctx -> {
            if (BearerAuth.allowed(ctx, ANY)) {
                liveOverlay(ctx);
            }
        });
        r.get("/congestion").handler(ctx -> guarded(ctx, CONGESTION, () -> Map.of("items", board.rows())));
        r.get("/board/counts").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.counts(ctx)));
        r.get("/board/levels").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.levels(ctx)));
        r.get("/board/violations").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.violations(ctx)));
        r.get("/board/alerts").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.alerts(ctx)));
        r.post("/board/alerts/:alert/acknowledge").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.acknowledge(ctx, u)));
        r.post("/board/alerts/:alert/notes").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.addNote(ctx, u)));
        r.get("/board/map").handler(ctx -> guard.as(ctx, BOARD, u -> dishub.map()));
        r.get("/events").handler(ctx -> {
            if (BearerAuth.allowed(ctx, ANY)) {
                User u = BearerAuth.user(ctx);
                live.open(ctx.response(), u.role(), u.username());
            }
        });

        guard.answerRouterErrors(r, "console endpoint", MAX_BODY_BYTES);
        return r;
    }

    /** Saves the body as the camera's next version; the camera comes from the path, a draft's version is ignored. */
    private CameraConfig save(RoutingContext ctx) throws IOException, InvalidCameraConfigException {
        CameraId id = camera(ctx);
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new InvalidCameraConfigException("from the editor",
                    List.of(new ConfigError("(document)", "a JSON camera configuration is required as the body", "body_required", Map.of())));
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new InvalidCameraConfigException("from the editor",
                    List.of(new ConfigError("(document)", "not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage() : "unreadable"), "not_json", Map.of())));
        }
        if (!(tree instanceof ObjectNode draft)) {
            throw new InvalidCameraConfigException("from the editor",
                    List.of(new ConfigError("(document)", "must be a JSON object", "not_object", Map.of())));
        }
        JsonNode named = draft.get("camera");
        if (named != null && !named.isNull() && !id.value().equals(named.asText())) {
            throw new InvalidCameraConfigException("from the editor", List.of(new ConfigError("camera",
                    "is '" + named.asText() + "' but the document is saved for camera '" + id + "' (the URL)",
                    "camera_mismatch", Map.of("named", named.asText(), "camera", id.value()))));
        }
        draft.put("camera", id.value());
        draft.remove("version");   // versions are assigned by the store
        CameraConfig parsed = loader.parse(Json.mapper().writeValueAsBytes(draft), "for camera " + id);
        if (parsed.detector() != null) {
            // the profile's own fields (tiles inside the frame, geometry tiles need a calibration, ...), before saving
            try {
                CameraDetectorConfig.parse(Json.mapper().valueToTree(parsed), "the editor");
            } catch (DetectorSetupException e) {
                throw new InvalidCameraConfigException("from the editor", List.of(new ConfigError("detector", e.getMessage(), "detector_invalid", Map.of())));
            }
        }
        CameraConfig stored = backend.configs().save(parsed, BearerAuth.user(ctx).username());
        log.info("camera {} configuration v{} saved by {}", id, stored.version(), BearerAuth.user(ctx).username());
        audit.record(BearerAuth.user(ctx).username(), "camera_config.save", "camera_config", id.value(), null,
                Map.of("version", stored.version(), "sha256", sha256(Json.mapper().writeValueAsBytes(stored))));
        return stored;
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void snapshot(RoutingContext ctx) {
        CameraId id;
        try {
            id = camera(ctx);
        } catch (NotFound e) {
            Replies.problem(ctx, 404, "not_found", e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> backend.snapshotJpeg(id), false).onComplete(ar -> {
            if (ar.failed()) {
                guard.fail(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                Replies.problem(ctx, 404, "no_frame", "camera " + id + " has delivered no frame yet; check its state in the camera list");
            } else {
                ctx.response().putHeader("content-type", "image/jpeg").putHeader("cache-control", "no-store")
                        .end(Buffer.buffer(ar.result().get()));
            }
        });
    }

    private void liveVideo(RoutingContext ctx) {
        CameraId id;
        try {
            id = camera(ctx);
        } catch (NotFound e) {
            Replies.problem(ctx, 404, "not_found", e.getMessage());
            return;
        }
        Optional<id.pantau.ingest.live.LiveFeed> feed = backend.liveFeed(id);
        if (feed.isEmpty()) {
            Replies.problem(ctx, 404, "not_found", "camera " + id + " is not read by this node; no live view");
            return;
        }
        if (!liveVideo.open(ctx.response(), feed.get(), BearerAuth.user(ctx).username())) {
            ctx.response().putHeader("retry-after", "2");
            Replies.problem(ctx, 503, "live_unavailable", feed.get().unavailable()
                    .orElse("the live stream is starting; try again") + " (the snapshot still works)");
            return;
        }
        endWhenTokenDies(ctx);
    }

    /** Ends a live stream once its token no longer authenticates (checked every {@link #liveTokenCheckMillis}). */
    private void endWhenTokenDies(RoutingContext ctx) {
        vertx.setPeriodic(liveTokenCheckMillis, timer -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                vertx.cancelTimer(timer);
                return;
            }
            auth.stillValid(ctx).onSuccess(valid -> {
                if (!valid && !ctx.response().ended() && !ctx.response().closed()) {
                    log.info("live stream of {} ended: the token is no longer valid", BearerAuth.user(ctx).username());
                    vertx.cancelTimer(timer);
                    ctx.response().end();
                }
            });
        });
    }

    /** The wall's cameras, {@code ?cameras=a,b,c} in the order the page shows them. */
    private void liveWall(RoutingContext ctx) {
        List<String> raw = ctx.queryParam("cameras").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (raw.isEmpty() || raw.size() > MAX_WALL_CAMERAS) {
            Replies.problem(ctx, 400, "invalid_request", "cameras: give 1 to " + MAX_WALL_CAMERAS
                    + " camera ids separated by commas, e.g. ?cameras=cam1,cam2 (got " + raw.size() + ")");
            return;
        }
        List<CameraId> ids = new java.util.ArrayList<>();
        for (String v : raw) {
            try {
                ids.add(CameraId.of(v));
            } catch (IllegalArgumentException e) {
                Replies.problem(ctx, 400, "invalid_request", "cameras: '" + v + "' is not a camera id: " + e.getMessage());
                return;
            }
        }
        wall.open(ctx.response(), ids, backend::liveFeed);
        endWhenTokenDies(ctx);
    }

    /** The overlay of every camera, or of {@code ?camera=} only. */
    private void liveOverlay(RoutingContext ctx) {
        String only = ctx.queryParams().get("camera");
        Set<String> cameras = only == null || only.isBlank() ? null : Set.of(only.trim());
        vertx.executeBlocking(() -> {
            Map<String, CameraConfig> geometries = new java.util.LinkedHashMap<>();
            for (CameraStatus c : backend.cameras()) {
                if (cameras == null || cameras.contains(c.id())) {
                    backend.configs().current(CameraId.of(c.id())).ifPresent(g -> geometries.put(c.id(), g));
                }
            }
            return geometries;
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                guard.fail(ctx, ar.cause());
            } else {
                overlay.open(ctx.response(), cameras, ar.result());
                endWhenTokenDies(ctx);
            }
        });
    }

    private CameraConfig storedVersion(RoutingContext ctx, CameraId id, int v) throws IOException, InvalidCameraConfigException {
        try {
            return backend.configs().version(id, v);
        } catch (NoSuchFileException e) {
            throw new NotFound("camera " + id + " has no configuration version " + v + "; stored versions: "
                    + backend.configs().versions(id));
        }
    }

    private void guarded(RoutingContext ctx, Set<Role> roles, Callable<Object> work) {
        guarded(ctx, roles, 200, work);
    }

    private void guarded(RoutingContext ctx, Set<Role> roles, int status, Callable<Object> work) {
        guard.as(ctx, roles, u -> Reply.json(status, work.call()));
    }

    /** The console's own failures; anything else is the back office's ({@link ApiErrors}) or a genuine fault. */
    private Problem known(Throwable t) {
        return switch (t) {
            case InvalidCameraConfigException e -> {
                rejectedConfigs.increment();
                yield new Problem(400, "invalid_config", e.getMessage(), Map.of("errors", e.errors()));
            }
            case NotFound e -> new Problem(404, "not_found", e.getMessage());
            case Conflict e -> new Problem(409, "conflict", e.getMessage());
            case BadRequest e -> new Problem(400, "invalid_request", e.getMessage());
            default -> ApiErrors.of(t);
        };
    }

    private static CameraId camera(RoutingContext ctx) {
        try {
            return CameraId.of(ctx.pathParam("camera"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("no camera '" + ctx.pathParam("camera") + "': " + e.getMessage());
        }
    }

    private static int version(RoutingContext ctx) {
        String raw = ctx.pathParam("version");
        try {
            return Integer.parseInt(raw.startsWith("v") ? raw.substring(1) : raw);
        } catch (NumberFormatException e) {
            throw new NotFound("no configuration version '" + raw + "' (versions are numbers: 1, 2, ...)");
        }
    }

    /** A version named by a query parameter (?from=1&to=3): a number is required, else 400 naming the parameter. */
    private static int versionParam(RoutingContext ctx, String name) {
        String raw = ctx.request().getParam(name);
        try {
            return Integer.parseInt(raw == null ? "" : raw.startsWith("v") ? raw.substring(1) : raw);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": give a version number (1, 2, ...), got " + (raw == null ? "nothing" : "'" + raw + "'"));
        }
    }

    /** How many event streams are open (for the app's health details). */
    public int openEventStreams() {
        return live.openStreams();
    }

    @Override
    public void close() {
        subscription.close();
        try {
            tracks.close();
        } catch (Exception e) {
            log.warn("could not stop the console's track feed: {}", e.toString());
        }
        live.close();
        overlay.close();
    }

    /** A request that contradicts the state (an alert acknowledged twice): answered 409 with the message. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** A request with a missing or malformed parameter: answered 400 with the message naming it. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** A camera, version or frame that does not exist: answered 404 with the message. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
