package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Map;

import static id.pantau.enforcement.api.Roles.ADMIN;

/** API keys of integration accounts (SiKesal): admins create, rotate and revoke them; a secret is shown once. */
final class ApiKeyRoutes {
    private ApiKeyRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.get("/api-keys").handler(ctx -> guard.as(ctx, ADMIN, u -> Reply.ok(Map.of("items", s.apiKeys().list()))));
        r.post("/api-keys").handler(ctx -> guard.as(ctx, ADMIN, u -> Reply.json(201,
                s.apiKeys().create(u.username(), Params.body(ctx, Requests.NewApiKey.class).name()))));
        r.post("/api-keys/:id/rotate").handler(ctx -> guard.as(ctx, ADMIN,
                u -> Reply.ok(s.apiKeys().rotate(u.username(), Params.id(ctx)))));
        r.post("/api-keys/:id/revoke").handler(ctx -> guard.as(ctx, ADMIN,
                u -> Reply.ok(s.apiKeys().revoke(u.username(), Params.id(ctx)))));
        return r;
    }
}
