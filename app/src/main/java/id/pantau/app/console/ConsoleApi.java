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
 *   <li>cameras, snapshots and the live event stream: every role (plates in events for police only);</li>
 *   <li>camera geometry: read by dishub, operator and admin; saved and activated by operator and admin;</li>
 *   <li>congestion board: dishub, operator and admin.</li>
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
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final ConsoleBackend backend;
    private final BearerAuth auth;
    private final AuditRecorder audit;
    private final LiveEvents live;
    private final CongestionBoard board = new CongestionBoard();
    private final CameraConfigLoader loader = new CameraConfigLoader();
    private final Counter rejectedConfigs;
    private final EventBus.Subscription subscription;
    private final Router router;
    private final Guard guard;

    private ConsoleApi(Vertx vertx, ConsoleBackend backend, BearerAuth auth, AuditRecorder audit, MeterRegistry registry) {
        this.audit = audit;
        this.vertx = vertx;
        this.backend = backend;
        this.auth = auth;
        this.live = new LiveEvents(vertx, registry);
        this.guard = new Guard(vertx, this::known);
        this.rejectedConfigs = Counter.builder("pantau.console.config.rejected")
                .description("camera configurations refused as invalid (a stream of these: an editor or script is stuck)")
                .register(registry);
        this.subscription = backend.subscribe(e -> {
            try {
                board.accept(e);
                live.publish(e);
            } catch (RuntimeException ex) {
                // the console must never stall the bus: a bad event is logged and skipped
                log.warn("console could not show event {} of camera {}: {}", e.eventId(), e.camera(), ex.toString());
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
        return new ConsoleApi(vertx, backend, auth, audit, registry);
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
        r.get("/cameras/:camera/config").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            CameraId id = camera(ctx);
            return backend.configs().current(id).orElseThrow(() -> new NotFound("camera " + id
                    + " has no geometry configuration yet; an operator can draw one in the editor and save it"));
        }));
        r.get("/cameras/:camera/config/versions").handler(ctx -> guarded(ctx, CONFIG_READERS, () -> {
            CameraId id = camera(ctx);
            Integer current = backend.configs().current(id).map(CameraConfig::version).orElse(null);
            List<Integer> versions = backend.configs().versions(id);
            return current == null ? Map.of("versions", versions) : Map.of("versions", versions, "current", current);
        }));
        r.get("/cameras/:camera/config/versions/:version").handler(ctx -> guarded(ctx, CONFIG_READERS,
                () -> storedVersion(ctx, camera(ctx), version(ctx))));
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

        r.get("/congestion").handler(ctx -> guarded(ctx, CONGESTION, () -> Map.of("items", board.rows())));
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
                    List.of(new ConfigError("(document)", "a JSON camera configuration is required as the body")));
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new InvalidCameraConfigException("from the editor",
                    List.of(new ConfigError("(document)", "not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage() : "unreadable"))));
        }
        if (!(tree instanceof ObjectNode draft)) {
            throw new InvalidCameraConfigException("from the editor",
                    List.of(new ConfigError("(document)", "must be a JSON object")));
        }
        JsonNode named = draft.get("camera");
        if (named != null && !named.isNull() && !id.value().equals(named.asText())) {
            throw new InvalidCameraConfigException("from the editor", List.of(new ConfigError("camera",
                    "is '" + named.asText() + "' but the document is saved for camera '" + id + "' (the URL)")));
        }
        draft.put("camera", id.value());
        draft.remove("version");   // versions are assigned by the store
        CameraConfig parsed = loader.parse(Json.mapper().writeValueAsBytes(draft), "for camera " + id);
        if (parsed.detector() != null) {
            // the profile's own fields (tiles inside the frame, geometry tiles need a calibration, ...), before saving
            try {
                CameraDetectorConfig.parse(Json.mapper().valueToTree(parsed), "the editor");
            } catch (DetectorSetupException e) {
                throw new InvalidCameraConfigException("from the editor", List.of(new ConfigError("detector", e.getMessage())));
            }
        }
        CameraConfig stored = backend.configs().save(parsed);
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

    /** How many event streams are open (for the app's health details). */
    public int openEventStreams() {
        return live.openStreams();
    }

    @Override
    public void close() {
        subscription.close();
        live.close();
    }

    /** A camera, version or frame that does not exist: answered 404 with the message. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
