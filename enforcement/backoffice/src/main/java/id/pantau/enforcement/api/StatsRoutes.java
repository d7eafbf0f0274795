package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Map;

import static id.pantau.enforcement.api.Roles.OPS;
import static id.pantau.enforcement.api.Roles.STATS;

/** Numbers without plates: violation statistics for Dishub, the outbox backlog for operators. */
final class StatsRoutes {
    private StatsRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s, EnforcementApi.OutboxStatus outbox) {
        Router r = Router.router(vertx);
        r.get("/stats").handler(ctx -> guard.as(ctx, STATS, u -> Reply.ok(Map.of("violations", s.reviews().stats()))));
        r.get("/ops/outbox").handler(ctx -> guard.as(ctx, OPS, u -> Reply.ok(Map.of("pending", outbox == null ? 0 : outbox.pending()))));
        return r;
    }
}
