package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.BearerAuth;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import static id.pantau.enforcement.api.Roles.ANY;

/** Signing in and out, the signed-in user, password changes. */
final class AuthRoutes {
    private AuthRoutes() {
    }

    /** The one route without a token. */
    static void login(Router r, Guard guard, EnforcementServices s) {
        r.post("/auth/login").handler(ctx -> guard.run(ctx, () -> {
            Requests.Login l = Params.body(ctx, Requests.Login.class);
            return Reply.ok(s.tokens().login(l.username(), l.password(), address(ctx)));
        }));
    }

    /** The client's address as the socket sees it (a proxy in front makes every client one address). */
    private static String address(io.vertx.ext.web.RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.get("/me").handler(ctx -> guard.asDuringPasswordChange(ctx, ANY, Reply::ok));
        r.post("/auth/logout").handler(ctx -> guard.asDuringPasswordChange(ctx, ANY, u -> {
            s.tokens().logout(BearerAuth.bearer(ctx));
            return Reply.noContent();
        }));
        r.post("/auth/password").handler(ctx -> guard.asDuringPasswordChange(ctx, ANY, u -> {
            Requests.PasswordChange p = Params.body(ctx, Requests.PasswordChange.class);
            s.tokens().changePassword(u, p.currentPassword(), p.newPassword(), BearerAuth.bearer(ctx), address(ctx));
            return Reply.noContent();
        }));
        return r;
    }
}
