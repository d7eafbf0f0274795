package id.pantau.enforcement;

import id.pantau.core.bus.EventBus;
import id.pantau.enforcement.api.EnforcementApi;
import id.pantau.enforcement.api.MetricsJson;
import id.pantau.enforcement.auth.AdminBootstrap;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.evidence.EvidenceReader;
import id.pantau.enforcement.ticket.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The enforcement back office as one running service: database (migrated), violation consumer on the bus,
 * outbox relay publishing ticket events, an hourly expiry sweep and the HTTP server
 * ({@code /health}, {@code /metrics}, {@code /openapi} public; the API under {@code /api}).
 * Closing stops intake first, then the relay (its in-flight row completes), then HTTP and the database.
 */
public final class EnforcementService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnforcementService.class);

    private final EnforcementServices services;
    private final EventBus.Subscription subscription;
    private final OutboxRelay relay;
    private final Vertx vertx;
    private final HttpServer server;
    private final long sweepTimer;

    private EnforcementService(EnforcementServices services, EventBus.Subscription subscription, OutboxRelay relay,
                               Vertx vertx, HttpServer server, long sweepTimer) {
        this.services = services;
        this.subscription = subscription;
        this.relay = relay;
        this.vertx = vertx;
        this.server = server;
        this.sweepTimer = sweepTimer;
    }

    /**
     * Starts everything. {@code adminPassword} receives the one-time admin password on the very first start
     * (use {@link AdminBootstrap#printToConsole}); {@code host}/{@code port} (0 = any free port) is where HTTP listens.
     */
    public static EnforcementService start(EnforcementConfig config, EventBus bus, EvidenceReader evidence,
                                           MeterRegistry registry, Clock clock, Consumer<String> adminPassword,
                                           String host, int port) {
        EnforcementServices services = EnforcementServices.open(config, evidence, clock, registry);
        AdminBootstrap.ensureAdmin(services.users(), adminPassword);
        OutboxRelay relay = new OutboxRelay(services.db(), bus, clock, config.outboxInterval(), registry);
        relay.start();
        EventBus.Subscription sub = bus.subscribe(config.violationsTopic(), config.ingestGroup(), services.ingestor());
        Vertx vertx = Vertx.vertx();
        Router root = Router.router(vertx);
        root.get("/health").handler(ctx -> vertx.executeBlocking(() -> services.db().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                return ps.execute();
            }
        }), false).onComplete(ar -> ctx.response().setStatusCode(ar.succeeded() ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(ar.succeeded() ? "{\"status\":\"up\"}" : "{\"status\":\"down\",\"message\":\"database unreachable\"}")));
        root.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(Buffer.buffer(MetricsJson.render(registry))));
        root.get("/openapi").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
                .end(EnforcementApi.openApiDocument()));
        root.route("/api/*").subRouter(EnforcementApi.router(vertx, services, relay::pending));
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(root).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            sub.close();
            relay.close();
            vertx.close();
            services.close();
            throw new IllegalStateException("enforcement HTTP server could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        long timer = vertx.setPeriodic(60_000, 3_600_000, id -> vertx.executeBlocking(() -> services.tickets().expireOverdue(), false)
                .onSuccess(n -> {
                    if (n > 0) {
                        log.info("{} tickets passed their confirmation deadline and expired", n);
                    }
                }));
        log.info("enforcement service listening on http://{}:{}", host, server.actualPort());
        return new EnforcementService(services, sub, relay, vertx, server, timer);
    }

    public int port() {
        return server.actualPort();
    }

    public EnforcementServices services() {
        return services;
    }

    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public void close() {
        subscription.close();
        relay.close();
        vertx.cancelTimer(sweepTimer);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("vert.x did not close cleanly: {}", e.toString());
        }
        services.close();
    }
}
