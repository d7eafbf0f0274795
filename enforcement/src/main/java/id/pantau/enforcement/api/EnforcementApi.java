package id.pantau.enforcement.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.auth.User;
import id.pantau.enforcement.evidence.EvidenceKeys;
import id.pantau.enforcement.review.QueueFilter;
import id.pantau.enforcement.ticket.TicketStatus;
import id.pantau.enforcement.violation.Violation;
import id.pantau.enforcement.violation.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The enforcement HTTP API as a Vert.x router to mount under {@code /api}. Every route but
 * {@code POST /auth/login} and {@code GET /openapi} needs a bearer token, and each route names the roles
 * allowed on it (police alone see plates and evidence). Database work runs on worker threads. Errors are
 * JSON {@code {"error": code, "message": text}} with a precise 4xx; only a genuine fault is a 500.
 */
public final class EnforcementApi {
    private static final Logger log = LoggerFactory.getLogger(EnforcementApi.class);
    private static final String USER = "pantau.user";
    private static final Set<Role> POLICE = EnumSet.of(Role.POLICE);
    private static final Set<Role> STATS = EnumSet.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN);
    private static final Set<Role> OPS = EnumSet.of(Role.OPERATOR, Role.ADMIN);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> ANY = EnumSet.allOf(Role.class);

    private final Vertx vertx;
    private final EnforcementServices s;
    private final OutboxStatus outbox;

    /** How many ticket events wait in the outbox (for operators); may be absent when no relay runs. */
    @FunctionalInterface
    public interface OutboxStatus {
        long pending();
    }

    private EnforcementApi(Vertx vertx, EnforcementServices services, OutboxStatus outbox) {
        this.vertx = vertx;
        this.s = services;
        this.outbox = outbox;
    }

    /** Builds the router; mount it with {@code root.route("/api/*").subRouter(router)}. */
    public static Router router(Vertx vertx, EnforcementServices services, OutboxStatus outbox) {
        return new EnforcementApi(vertx, services, outbox).build();
    }

    /** The OpenAPI 3 document (YAML) describing this router's paths under /api. */
    public static Buffer openApiDocument() {
        try (InputStream in = EnforcementApi.class.getResourceAsStream("/enforcement-openapi.yaml")) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("enforcement-openapi.yaml missing from the classpath", e);
        }
    }

    private Router build() {
        Router r = Router.router(vertx);
        r.route().handler(BodyHandler.create(false).setBodyLimit(s.config().maxBodyBytes()));
        r.get("/openapi").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApiDocument()));
        r.post("/auth/login").handler(ctx -> run(ctx, () -> {
            Requests.Login l = body(ctx, Requests.Login.class);
            return Reply.json(200, s.tokens().login(l.username(), l.password()));
        }));
        r.route().handler(this::authenticate);

        r.get("/me").handler(ctx -> guarded(ctx, ANY, u -> Reply.json(200, u)));
        r.post("/auth/logout").handler(ctx -> guarded(ctx, ANY, u -> {
            s.tokens().logout(bearer(ctx));
            return Reply.noContent();
        }));
        r.post("/auth/password").handler(ctx -> guarded(ctx, ANY, u -> {
            Requests.PasswordChange p = body(ctx, Requests.PasswordChange.class);
            s.users().changePassword(u, p.currentPassword(), p.newPassword());
            return Reply.noContent();
        }));

        r.get("/violations").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, Map.of("items", s.reviews().queue(filter(ctx))))));
        r.get("/violations/:id").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, s.reviews().get(id(ctx)))));
        r.post("/violations/:id/claim").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, s.reviews().claim(u, id(ctx)))));
        r.put("/violations/:id/plate").handler(ctx -> guarded(ctx, POLICE, u -> {
            Requests.PlateCorrection p = body(ctx, Requests.PlateCorrection.class);
            return Reply.json(200, s.reviews().correctPlate(u, id(ctx), p.plate()));
        }));
        r.post("/violations/:id/approve").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, s.reviews().approve(u, id(ctx)))));
        r.post("/violations/:id/reject").handler(ctx -> guarded(ctx, POLICE, u -> {
            Requests.Rejection rej = body(ctx, Requests.Rejection.class);
            return Reply.json(200, s.reviews().reject(u, id(ctx), rej.reasonCode()));
        }));
        r.get("/violations/:id/evidence/:name").handler(ctx -> guarded(ctx, POLICE, u -> evidence(id(ctx), ctx.pathParam("name"))));
        r.get("/reason-codes").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, Map.of("reason_codes", s.config().reasonCodes()))));

        r.get("/tickets").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, Map.of("items", s.tickets().list(
                ticketStatus(ctx.request().getParam("status")), intParam(ctx, "limit", 100, 1, 500), intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE))))));
        r.get("/tickets/:id").handler(ctx -> guarded(ctx, POLICE, u -> Reply.json(200, s.tickets().get(id(ctx)))));
        r.post("/tickets/:id/status").handler(ctx -> guarded(ctx, POLICE, u -> {
            Requests.TicketStatusChange c = body(ctx, Requests.TicketStatusChange.class);
            TicketStatus next = ticketStatus(c.status());
            if (next == null) {
                throw EnforcementException.invalid("status is required");
            }
            return Reply.json(200, s.tickets().changeStatus(u.username(), id(ctx), next));
        }));
        r.get("/tickets/:id/letter.pdf").handler(ctx -> guarded(ctx, POLICE, u -> Reply.bytes("application/pdf", s.tickets().letter(id(ctx)))));

        r.get("/stats").handler(ctx -> guarded(ctx, STATS, u -> Reply.json(200, Map.of("violations", s.reviews().stats()))));
        r.get("/ops/outbox").handler(ctx -> guarded(ctx, OPS, u -> Reply.json(200, Map.of("pending", outbox == null ? 0 : outbox.pending()))));

        r.get("/users").handler(ctx -> guarded(ctx, ADMIN, u -> Reply.json(200, Map.of("items", s.users().list()))));
        r.post("/users").handler(ctx -> guarded(ctx, ADMIN, u -> {
            Requests.NewUser n = body(ctx, Requests.NewUser.class);
            if (n.role() == null) {
                throw EnforcementException.invalid("role is required: one of police, dishub, operator, admin");
            }
            return Reply.json(201, s.users().create(u.username(), n.username(), n.password(), Role.parse(n.role()), true));
        }));
        r.patch("/users/:id").handler(ctx -> guarded(ctx, ADMIN, u -> {
            Requests.UserChange c = body(ctx, Requests.UserChange.class);
            return Reply.json(200, s.users().update(u.username(), id(ctx), c.role() == null ? null : Role.parse(c.role()), c.active()));
        }));
        r.get("/audit").handler(ctx -> guarded(ctx, ADMIN, u -> {
            String entity = ctx.request().getParam("entity");
            String entityId = ctx.request().getParam("entity_id");
            long after = intParam(ctx, "after_seq", 0, 0, Integer.MAX_VALUE);
            int limit = intParam(ctx, "limit", 100, 1, 1000);
            return Reply.json(200, Map.of("items", s.db().inTransaction(c -> AuditTrail.list(c, entity, entityId, after, limit))
                    .stream().map(PlateRedaction::redact).toList()));
        }));
        r.get("/audit/verify").handler(ctx -> guarded(ctx, ADMIN, u -> Reply.json(200, s.db().inTransaction(AuditTrail::verify))));

        // failures raised inside this router (the body limit, a thrown handler) and unmatched paths, as JSON
        r.route().failureHandler(ctx -> {
            if (ctx.failure() != null && ctx.statusCode() < 400) {
                reply(ctx, ctx.failure());
            } else {
                if (ctx.statusCode() >= 500) {
                    log.error("failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
                }
                problem(ctx, ctx.statusCode(), standardMessage(ctx, ctx.statusCode()));
            }
        });
        for (int code : new int[]{404, 405}) {
            r.errorHandler(code, ctx -> problem(ctx, code, standardMessage(ctx, code)));
        }
        return r;
    }

    /** Resolves the bearer token to a user on a worker thread; refuses a user who still has to change the password. */
    private void authenticate(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token == null) {
            problem(ctx, 401, "missing 'Authorization: Bearer <token>' header; log in at POST /api/auth/login");
            return;
        }
        vertx.executeBlocking(() -> s.tokens().authenticate(token), false).onComplete(ar -> {
            if (ar.failed()) {
                reply(ctx, ar.cause());
                return;
            }
            User u = ar.result();
            String path = ctx.request().path();
            if (u.mustChangePassword() && !(path.endsWith("/auth/password") || path.endsWith("/auth/logout") || path.endsWith("/me"))) {
                problem(ctx, 403, "password change required: POST /api/auth/password before using the API");
                return;
            }
            ctx.put(USER, u);
            ctx.next();
        });
    }

    private static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() <= 7) {
            return null;
        }
        return h.substring(7).trim();
    }

    @FunctionalInterface
    private interface UserAction {
        Reply apply(User u) throws Exception;
    }

    private void guarded(RoutingContext ctx, Set<Role> roles, UserAction action) {
        User u = ctx.get(USER);
        if (!roles.contains(u.role())) {
            problem(ctx, 403, "role " + u.role().wire() + " may not use " + ctx.request().method() + " "
                    + ctx.request().path() + "; allowed roles: " + roles.stream().map(Role::wire).toList());
            return;
        }
        run(ctx, () -> action.apply(u));
    }

    private void run(RoutingContext ctx, Callable<Reply> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                reply(ctx, ar.cause());
            } else {
                ar.result().send(ctx);
            }
        });
    }

    private void reply(RoutingContext ctx, Throwable t) {
        ApiErrors.Problem p = ApiErrors.of(t);
        if (p == null) {
            log.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), t);
            problem(ctx, 500, "internal error; the request was not applied, see the server log");
        } else {
            if (p.status() >= 400) {
                log.info("{} {} -> {} {}", ctx.request().method(), ctx.request().path(), p.status(), p.message());
            }
            send(ctx, p.status(), Map.of("error", p.error(), "message", p.message()));
        }
    }

    private String standardMessage(RoutingContext ctx, int code) {
        return switch (code) {
            case 404 -> "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + " (see /openapi)";
            case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "request body is larger than " + s.config().maxBodyBytes() + " bytes";
            case 415 -> "send the body as application/json";
            default -> code >= 500 ? "internal error; the request was not applied, see the server log" : "bad request";
        };
    }

    static void problem(RoutingContext ctx, int status, String message) {
        String error = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "internal_error";
        };
        send(ctx, status, Map.of("error", error, "message", message));
    }

    static void send(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T body(RoutingContext ctx, Class<T> type) throws IOException {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            throw EnforcementException.invalid("a JSON request body is required");
        }
        T v = Json.mapper().readValue(b.getBytes(), type);
        if (v == null) {
            throw EnforcementException.invalid("the request body must be a JSON object, not null");
        }
        return v;
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw EnforcementException.notFound("no record with id '" + raw + "' (ids are numbers)");
        }
    }

    private Reply evidence(long id, String name) throws IOException {
        Violation v = s.reviews().get(id);
        if (!v.photos().contains(name)) {
            throw EnforcementException.notFound("case " + id + " has no evidence photo '" + name + "'; it has " + v.photos());
        }
        try {
            return Reply.bytes(name.endsWith(".png") ? "image/png" : "image/jpeg",
                    s.evidence().read(EvidenceKeys.photo(v.evidenceKey(), name)));
        } catch (NoSuchFileException e) {
            throw EnforcementException.notFound("evidence photo '" + name + "' of case " + id + " is not in the evidence store");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static QueueFilter filter(RoutingContext ctx) {
        var q = ctx.request();
        String status = q.getParam("status");
        return new QueueFilter(q.getParam("camera"), time(q.getParam("from"), "from"), time(q.getParam("to"), "to"),
                status == null ? null : ViolationStatus.parse(status), score(q.getParam("min_score"), "min_score"),
                score(q.getParam("max_score"), "max_score"), intParam(ctx, "limit", 100, 1, 500),
                intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static Instant time(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw EnforcementException.invalid(name + " must be an ISO-8601 time with offset, e.g. 2026-11-23T10:00:00+07:00; was '" + v + "'");
        }
    }

    private static Double score(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw EnforcementException.invalid(name + " must be a number within 0..1; was '" + v + "'");
        }
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw EnforcementException.invalid(name + " must be an integer within " + min + ".." + max + "; was '" + v + "'");
        }
    }

    private static TicketStatus ticketStatus(String v) {
        return v == null ? null : TicketStatus.parse(v);
    }

    /** What a handler answers: JSON with a status, raw bytes, or 204. */
    record Reply(int status, String contentType, Object json, byte[] bytes) {
        static Reply json(int status, Object body) {
            return new Reply(status, "application/json", body, null);
        }

        static Reply bytes(String contentType, byte[] bytes) {
            return new Reply(200, contentType, null, bytes);
        }

        static Reply noContent() {
            return new Reply(204, null, null, null);
        }

        void send(RoutingContext ctx) {
            if (status == 204) {
                ctx.response().setStatusCode(204).end();
            } else if (bytes != null) {
                ctx.response().setStatusCode(status).putHeader("content-type", contentType).end(Buffer.buffer(bytes));
            } else {
                EnforcementApi.send(ctx, status, json);
            }
        }
    }
}
