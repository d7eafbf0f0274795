package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Map;

import static id.pantau.enforcement.api.Roles.ADMIN;
import static id.pantau.enforcement.api.Roles.OPS;

/**
 * Violation events that did not become cases: operators and admins see them (payloads hold plates, so the list
 * shows the reason, not the payload, to operators); admins replay or dismiss them.
 */
final class DeadLetterRoutes {
    private DeadLetterRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.get("/dead-letters").handler(ctx -> guard.as(ctx, OPS, u -> {
            boolean all = "true".equals(ctx.request().getParam("all"));
            var items = s.deadLetters().list(!all, Params.intParam(ctx, "limit", 100, 1, 500),
                    Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE)).stream()
                    .map(d -> d.withPayloadFor(u.role())).toList();
            return Reply.ok(Map.of("open", s.deadLetters().open(), "items", items));
        }));
        r.post("/dead-letters/:id/replay").handler(ctx -> guard.as(ctx, ADMIN,
                u -> Reply.ok(s.deadLetters().replay(u.username(), Params.id(ctx)))));
        r.post("/dead-letters/:id/dismiss").handler(ctx -> guard.as(ctx, ADMIN, u -> {
            Requests.Dismissal d = Params.body(ctx, Requests.Dismissal.class);
            return Reply.ok(s.deadLetters().dismiss(u.username(), Params.id(ctx), d.note()));
        }));
        return r;
    }
}
