package id.pantau.enforcement;

import id.pantau.core.bus.EventBus;
import id.pantau.enforcement.api.EnforcementApi;
import id.pantau.enforcement.audit.AuditCheckpoints;
import id.pantau.enforcement.auth.AdminBootstrap;
import id.pantau.enforcement.complaint.CameraReports;
import id.pantau.enforcement.complaint.ComplaintSettings;
import id.pantau.enforcement.complaint.Corroboration;
import id.pantau.enforcement.complaint.KnownCameras;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.stored.EvidenceReader;
import id.pantau.enforcement.ticket.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The enforcement back office as one running part of a node: the migrated database, the violation intake on the
 * bus, the outbox relay that publishes ticket events, the expiry sweep, and the API mounted on the node's router
 * ({@code /api/*}, {@code /openapi}). The node and the tests start it the same way, so there is one wiring.
 * Closing stops intake first, then the relay (its in-flight row completes), then the sweep and the database.
 */
public final class BackOffice implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackOffice.class);
    /**
     * Tickets past their confirmation deadline expire within this period. The first sweep runs a minute after
     * start, so a node that was down over a deadline catches up without waiting a whole period.
     */
    static final Duration EXPIRY_SWEEP = Duration.ofHours(1);
    static final Duration FIRST_SWEEP = Duration.ofMinutes(1);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final EnforcementServices services;
    private OutboxRelay relay;

    private BackOffice(EnforcementServices services) {
        this.services = services;
    }

    /**
     * Starts the back office and mounts its routes on {@code root}.
     *
     * @param adminPassword receives the one-time password of the first admin, when the database is new
     * @param evidenceKeys the key evidence manifests are signed with: a file is served only when it matches its
     *                     package's manifest and that manifest's signature verifies under this key
     * @param checkpoints  the audit chain is anchored: a signed checkpoint of the chain head is written every
     *                     {@link AuditCheckpoints#interval()}, after each ticket and when the back office stops
     * @param cameras      where the cameras stand (citizen complaints link to the ones nearby) and what they show
     */
    public static BackOffice start(EnforcementConfig config, EventBus bus, EvidenceReader evidence,
                                   id.pantau.storage.signing.ManifestSignatureVerifier evidenceKeys,
                                   AuditCheckpoints checkpoints, KnownCameras cameras, Vertx vertx, Router root,
                                   Clock clock, MeterRegistry registry, Consumer<String> adminPassword) {
        BackOffice office = new BackOffice(EnforcementServices.open(config, evidence, evidenceKeys, clock, registry,
                checkpoints, cameras));
        office.closeables.push(office.services);
        try {
            office.wire(config, bus, vertx, root, clock, registry, adminPassword);
            return office;
        } catch (RuntimeException e) {
            office.close();
            throw e;
        }
    }

    private void wire(EnforcementConfig config, EventBus bus, Vertx vertx, Router root, Clock clock,
                      MeterRegistry registry, Consumer<String> adminPassword) {
        AdminBootstrap.ensureAdmin(services.users(), adminPassword);
        Gauge.builder("pantau.enforcement.dead_letters.open", services.deadLetters(), d -> d.open())
                .description("violation events kept as dead letters, not yet replayed or dismissed").register(registry);
        relay = new OutboxRelay(services.db(), bus, clock, config.outboxInterval(), registry);
        relay.start();
        closeables.push(relay);
        closeables.push(bus.subscribe(config.violationsTopic(), config.ingestGroup(), services.ingestor()));
        // the cameras' alerts confirm citizen complaints; a dead light opens the camera's own report
        ComplaintSettings cs = config.complaints();
        closeables.push(bus.subscribe(cs.eventsTopic(), cs.group(), new Corroboration(services.complaints(),
                services.cameras(), new CameraReports(services.complaints(), services.cameras(), cs.autoReportOpd()),
                registry)));
        root.route("/api/*").subRouter(EnforcementApi.router(vertx, services, relay::pending));
        Guard.answerMalformedRequests(root);
        root.get("/openapi").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml").end(EnforcementApi.openApiDocument()));
        long timer = vertx.setPeriodic(FIRST_SWEEP.toMillis(), EXPIRY_SWEEP.toMillis(), id ->
                vertx.executeBlocking(() -> services.tickets().expireOverdue(), false).onSuccess(n -> {
                    if (n > 0) {
                        log.info("{} tickets passed their confirmation deadline and expired", n);
                    }
                }));
        closeables.push(() -> vertx.cancelTimer(timer));
        AuditCheckpoints checkpoints = services.checkpoints();
        if (checkpoints.enabled()) {
            checkpoints.checkpointQuietly(services.db());
            long every = checkpoints.interval().toMillis();
            long cpTimer = vertx.setPeriodic(every, every, id ->
                    vertx.executeBlocking(() -> checkpoints.checkpointQuietly(services.db()), false));
            // pushed last, popped first: the final checkpoint is written while the database is still open
            closeables.push(() -> {
                vertx.cancelTimer(cpTimer);
                checkpoints.checkpointQuietly(services.db());
            });
        }
    }

    /** What /health reports of the back office: the database answers; violations kept as dead letters. */
    public record Health(boolean databaseUp, long openDeadLetters) {
    }

    /** Blocking: call it off the event loop. */
    public Health health() {
        boolean up = databaseUp();
        long open = -1;
        if (up) {
            try {
                open = services.deadLetters().open();
            } catch (RuntimeException e) {
                log.warn("dead letter count failed: {}", e.toString());
            }
        }
        return new Health(up, open);
    }

    /** True when the database answers; blocking, call it off the event loop. */
    public boolean databaseUp() {
        try {
            return services.db().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                    return ps.execute();
                }
            });
        } catch (RuntimeException e) {
            log.warn("database check failed: {}", e.toString());
            return false;
        }
    }

    public EnforcementServices services() {
        return services;
    }

    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("while stopping the back office: {}", e.toString());
            }
        }
    }
}
