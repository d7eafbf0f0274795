package id.pantau.app.http;

import id.pantau.enforcement.http.Guard;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.function.Supplier;

/**
 * The operations endpoints every Pantau process serves without authentication: {@code /health} (JSON, 200 when
 * healthy, 503 otherwise) and {@code /metrics} (Prometheus text format). Other routers (the enforcement API, the
 * console) are mounted on the same server by the caller.
 */
public final class OpsServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpsServer.class);
    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    public OpsServer(Vertx vertx, PrometheusMeterRegistry registry, Supplier<Health> health) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        // a path the router cannot read (a broken %-escape) is a JSON 400 at INFO, not an ERROR
        Guard.answerMalformedRequests(router);
        // off the event loop: health asks the database
        router.get("/health").handler(ctx -> vertx.executeBlocking(health::get, false).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("health check failed", ar.cause());
            }
            Health h = ar.succeeded() ? ar.result()
                    : new Health(false, new JsonObject().put("error", "the health check failed; see the node's log"));
            ctx.response().setStatusCode(h.healthy() ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", h.status()).put("details", h.details()).encode());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }

    public Router router() {
        return router;
    }

    /** Binds to the host and port (0 = any free port) and returns the port bound. */
    public int start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(port, host).await();
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? " (is another process using the port? choose another with --port)" : ""), e);
        }
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().await();
        }
    }

    /**
     * What /health reports: DOWN (503) when the node cannot do its work, DEGRADED (200) when it works but something
     * needs a person (records kept as dead letters), else UP; details say which part (cameras, database, ...).
     */
    public record Health(boolean healthy, boolean degraded, JsonObject details) {
        public Health(boolean healthy, JsonObject details) {
            this(healthy, false, details);
        }

        String status() {
            return !healthy ? "DOWN" : degraded ? "DEGRADED" : "UP";
        }
    }
}
