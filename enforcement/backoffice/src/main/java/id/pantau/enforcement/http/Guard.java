package id.pantau.enforcement.http;

import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.auth.User;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The one way a route runs its work: the caller's role is checked (after {@link BearerAuth} has found the user),
 * the work runs on a worker thread (it touches the database or the disk), and its answer or failure is sent as a
 * {@link Reply} or a {@link Problem}. Shared by the API and the console so both answer alike.
 */
public final class Guard {
    private static final Logger log = LoggerFactory.getLogger(Guard.class);
    static final String INTERNAL = "internal error; the request was not applied, see the server log";

    /** Work done for a signed-in user. */
    @FunctionalInterface
    public interface UserWork {
        Reply apply(User user) throws Exception;
    }

    private final Vertx vertx;
    private final Function<Throwable, Problem> known;

    /** @param known maps the failures this router knows to problems (null for a genuine fault) */
    public Guard(Vertx vertx, Function<Throwable, Problem> known) {
        this.vertx = vertx;
        this.known = known;
    }

    /** A guard that knows the back office's failures ({@link ApiErrors}). */
    public static Guard standard(Vertx vertx) {
        return new Guard(vertx, ApiErrors::of);
    }

    /** Runs the work when the signed-in user has one of the roles; answers 401/403 otherwise. */
    public void as(RoutingContext ctx, Set<Role> roles, UserWork work) {
        if (!BearerAuth.allowed(ctx, roles)) {
            return;
        }
        User u = BearerAuth.user(ctx);
        run(ctx, () -> work.apply(u));
    }

    /** As {@link #as}, on a route a user who must still change the password may use (the change itself, logout, /me). */
    public void asDuringPasswordChange(RoutingContext ctx, Set<Role> roles, UserWork work) {
        if (!BearerAuth.allowedDuringPasswordChange(ctx, roles)) {
            return;
        }
        User u = BearerAuth.user(ctx);
        run(ctx, () -> work.apply(u));
    }

    /** Runs work that needs no user (sign-in). */
    public void run(RoutingContext ctx, Callable<Reply> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                fail(ctx, ar.cause());
            } else {
                ar.result().send(ctx);
            }
        });
    }

    /** Answers a failure: a precise 4xx for what is known (logged at INFO), else a 500 (logged with its stack). */
    public void fail(RoutingContext ctx, Throwable t) {
        Problem p = known.apply(t);
        if (p == null) {
            log.error("unexpected failure on {} {}", ctx.request().method(), LogSafe.escape(ctx.request().path()), t);
            Replies.problem(ctx, 500, INTERNAL);
            return;
        }
        log.info("{} {} -> {} {}", ctx.request().method(), LogSafe.escape(ctx.request().path()), p.status(),
                LogSafe.escape(p.message()));
        Replies.problem(ctx, p);
    }

    /**
     * A request the router cannot even route (a malformed path such as a broken %-escape) is the client's mistake:
     * a JSON 400, logged at INFO. Without this Vert.x logs it as "Unhandled exception in router" at ERROR. Install on
     * the node's root router.
     */
    public static void answerMalformedRequests(Router root) {
        root.errorHandler(400, ctx -> {
            log.info("malformed request {} {} -> 400", ctx.request().method(), LogSafe.escape(ctx.request().uri()));
            Replies.problem(ctx, 400, "invalid_request", "malformed request: the path or a header could not be read");
        });
    }

    /**
     * Failures raised by the router itself (the body limit, a handler that threw) and unmatched paths answer as JSON
     * problems too; {@code what} names the router in the 404 ("no such console endpoint").
     */
    public void answerRouterErrors(Router r, String what, int maxBodyBytes) {
        answerRouterErrors(r, what, ctx -> maxBodyBytes);
    }

    /** As above, for a router whose routes take bodies of different sizes (the 413 names the route's own limit). */
    public void answerRouterErrors(Router r, String what, java.util.function.ToIntFunction<RoutingContext> maxBodyBytes) {
        r.route().failureHandler(ctx -> {
            if (ctx.failure() != null && ctx.statusCode() < 400) {
                fail(ctx, ctx.failure());
                return;
            }
            int code = ctx.statusCode();
            if (code >= 500) {
                log.error("failure on {} {}", ctx.request().method(), LogSafe.escape(ctx.request().path()), ctx.failure());
            }
            Replies.problem(ctx, code, switch (code) {
                case 413 -> "request body is larger than " + maxBodyBytes.applyAsInt(ctx) + " bytes";
                case 415 -> "send the body as application/json";
                default -> code >= 500 ? INTERNAL : "bad request";
            });
        });
        r.errorHandler(404, ctx -> Replies.problem(ctx, 404, "no such " + what + ": " + ctx.request().method() + " "
                + ctx.request().path() + " (see /openapi)"));
        r.errorHandler(405, ctx -> Replies.problem(ctx, 405, "method " + ctx.request().method()
                + " is not allowed on " + ctx.request().path()));
    }
}
