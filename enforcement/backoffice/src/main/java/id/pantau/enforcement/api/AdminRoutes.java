package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Map;

import static id.pantau.enforcement.api.Roles.ADMIN;

/** Users and the audit trail: admins only. */
final class AdminRoutes {
    private AdminRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.get("/users").handler(ctx -> guard.as(ctx, ADMIN, u -> Reply.ok(Map.of("items", s.users().list()))));
        r.post("/users").handler(ctx -> guard.as(ctx, ADMIN, u -> {
            Requests.NewUser n = Params.body(ctx, Requests.NewUser.class);
            if (n.role() == null) {
                throw EnforcementException.invalid("role is required: one of police, dishub, operator, admin");
            }
            return Reply.json(201, s.users().create(u.username(), n.username(), n.password(), Role.parse(n.role()), true));
        }));
        r.patch("/users/:id").handler(ctx -> guard.as(ctx, ADMIN, u -> {
            Requests.UserChange c = Params.body(ctx, Requests.UserChange.class);
            return Reply.ok(s.users().update(u.username(), Params.id(ctx), c.role() == null ? null : Role.parse(c.role()), c.active()));
        }));
        r.get("/audit").handler(ctx -> guard.as(ctx, ADMIN, u -> {
            String entity = ctx.request().getParam("entity");
            String entityId = ctx.request().getParam("entity_id");
            long after = Params.intParam(ctx, "after_seq", 0, 0, Integer.MAX_VALUE);
            int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
            return Reply.ok(Map.of("items", s.db().inTransaction(c -> AuditTrail.list(c, entity, entityId, after, limit))
                    .stream().map(PlateRedaction::redact).toList()));
        }));
        r.get("/audit/verify").handler(ctx -> guard.as(ctx, ADMIN, u -> Reply.ok(s.verifyAudit())));
        return r;
    }
}
