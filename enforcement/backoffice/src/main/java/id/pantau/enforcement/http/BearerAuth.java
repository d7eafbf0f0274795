package id.pantau.enforcement.http;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.auth.TokenService;
import id.pantau.enforcement.auth.User;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/**
 * The bearer-token check of the back office as a reusable Vert.x handler, so other routers (the web console)
 * authenticate exactly as the API router does: the token is resolved on a worker thread and failures are the
 * same JSON problems ({@code {"error", "message"}}). A user who must still change the password is refused by
 * {@link #allowed} on every route except those that opt in with {@link #allowedDuringPasswordChange} (the password
 * change itself, logout, /me): the decision belongs to the route that matched, never to how the path ends.
 */
public final class BearerAuth implements Handler<RoutingContext> {
    private static final String USER = "pantau.user";

    private final Vertx vertx;
    private final TokenService tokens;

    private BearerAuth(Vertx vertx, TokenService tokens) {
        this.vertx = vertx;
        this.tokens = tokens;
    }

    public static BearerAuth create(Vertx vertx, TokenService tokens) {
        return new BearerAuth(vertx, tokens);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token == null) {
            Replies.problem(ctx, 401, "missing 'Authorization: Bearer <token>' header; log in at POST /api/auth/login");
            return;
        }
        vertx.executeBlocking(() -> tokens.authenticate(token), false).onComplete(ar -> {
            if (ar.failed()) {
                Guard.standard(vertx).fail(ctx, ar.cause());
                return;
            }
            ctx.put(USER, ar.result());
            ctx.next();
        });
    }

    /**
     * Checks the request's token again, for a stream that outlives it (the console's live video): completes with
     * false once the token is expired, logged out or its account disabled, true while it still authenticates (a
     * failure to check, a database outage say, counts as still valid: the stream is not cut for it).
     */
    public Future<Boolean> stillValid(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token == null) {
            return Future.succeededFuture(false);
        }
        return vertx.executeBlocking(() -> {
            try {
                tokens.authenticate(token);
                return true;
            } catch (EnforcementException e) {
                return e.kind() != EnforcementException.Kind.UNAUTHENTICATED;
            }
        }, false).recover(t -> Future.succeededFuture(true));
    }

    /** The user this handler authenticated on the request (null before it ran). */
    public static User user(RoutingContext ctx) {
        return ctx.get(USER);
    }

    /**
     * True when the authenticated user has one of the roles; otherwise answers 403 naming the allowed roles and
     * returns false, so a route does {@code if (!BearerAuth.allowed(ctx, roles)) return;}.
     */
    public static boolean allowed(RoutingContext ctx, Set<Role> roles) {
        return allowed(ctx, roles, false);
    }

    /** As {@link #allowed}, for the few routes a user with a pending password change may use. */
    public static boolean allowedDuringPasswordChange(RoutingContext ctx, Set<Role> roles) {
        return allowed(ctx, roles, true);
    }

    private static boolean allowed(RoutingContext ctx, Set<Role> roles, boolean duringPasswordChange) {
        User u = user(ctx);
        if (u == null) {
            Replies.problem(ctx, 401, "not authenticated; log in at POST /api/auth/login");
            return false;
        }
        if (u.mustChangePassword() && !duringPasswordChange) {
            // reason: a stable word the console translates; the message stays the English detail
            Replies.problem(ctx, new Problem(403, "forbidden",
                    "password change required: POST /api/auth/password before using the API",
                    java.util.Map.of("reason", "password_change_required")));
            return false;
        }
        if (!roles.contains(u.role())) {
            List<String> allowed = roles.stream().map(Role::wire).toList();
            Replies.problem(ctx, new Problem(403, "forbidden", "role " + u.role().wire() + " may not use "
                    + ctx.request().method() + " " + ctx.request().path() + "; allowed roles: " + allowed,
                    java.util.Map.of("reason", "role_not_allowed", "role", u.role().wire(), "allowed_roles", allowed)));
            return false;
        }
        return true;
    }

    public static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() <= 7) {
            return null;
        }
        return h.substring(7).trim();
    }
}
