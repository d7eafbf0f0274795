package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.BearerAuth;
import id.pantau.enforcement.http.Guard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.InputStream;

/**
 * The enforcement HTTP API as a Vert.x router to mount under {@code /api}. Every route but
 * {@code POST /auth/login} and {@code GET /openapi} needs a bearer token, and each route names the roles
 * allowed on it (police alone see plates and evidence). Database work runs on worker threads. Errors are
 * JSON {@code {"error": code, "message": text}} with a precise 4xx; only a genuine fault is a 500.
 */
public final class EnforcementApi {

    /** How many ticket events wait in the outbox (for operators); may be absent when no relay runs. */
    @FunctionalInterface
    public interface OutboxStatus {
        long pending();
    }

    private EnforcementApi() {
    }

    /**
     * Builds the router; mount it with {@code root.route("/api/*").subRouter(router)}. Each concern is a sub-router
     * of its own (sign-in, review, tickets, admin, dead letters, statistics); all share one guard, so they answer alike.
     */
    public static Router router(Vertx vertx, EnforcementServices services, OutboxStatus outbox) {
        Guard guard = Guard.standard(vertx);
        Router r = Router.router(vertx);
        // a complaint carries its photo (base64) in the body: that one route takes the larger limit
        BodyHandler small = BodyHandler.create(false).setBodyLimit(services.config().maxBodyBytes());
        BodyHandler large = BodyHandler.create(false).setBodyLimit(services.config().complaints().maxBodyBytes());
        r.route().handler(ctx -> (complaintIntake(ctx) ? large : small).handle(ctx));
        r.get("/openapi").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApiDocument()));
        AuthRoutes.login(r, guard, services);
        r.route().handler(BearerAuth.create(vertx, services.tokens()));
        for (Router concern : new Router[]{AuthRoutes.router(vertx, guard, services),
                ReviewRoutes.router(vertx, guard, services), TicketRoutes.router(vertx, guard, services),
                AdminRoutes.router(vertx, guard, services), DeadLetterRoutes.router(vertx, guard, services),
                StatsRoutes.router(vertx, guard, services, outbox), ComplaintRoutes.router(vertx, guard, services),
                ApiKeyRoutes.router(vertx, guard, services)}) {
            r.route("/*").subRouter(concern);
        }
        guard.answerRouterErrors(r, "endpoint", ctx -> complaintIntake(ctx)
                ? services.config().complaints().maxBodyBytes() : services.config().maxBodyBytes());
        return r;
    }

    private static boolean complaintIntake(io.vertx.ext.web.RoutingContext ctx) {
        return ctx.request().method() == io.vertx.core.http.HttpMethod.POST && ctx.normalizedPath().endsWith("/complaints");
    }

    /** The OpenAPI 3 document (YAML) describing this router's paths under /api. */
    public static Buffer openApiDocument() {
        try (InputStream in = EnforcementApi.class.getResourceAsStream("/enforcement-openapi.yaml")) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("enforcement-openapi.yaml missing from the classpath", e);
        }
    }
}
