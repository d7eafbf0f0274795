package id.pantau.app;

import id.pantau.app.config.NodeConfig;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.app.console.ConsoleApi;
import id.pantau.app.console.ConsoleStatic;
import id.pantau.app.console.MapTiles;
import id.pantau.app.http.OpsServer;
import id.pantau.enforcement.http.BearerAuth;
import id.pantau.app.pipeline.CameraPipelines;
import id.pantau.app.pipeline.DemoGeometry;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.detect.analytics.EventPublisher;
import id.pantau.detect.inference.BatchingDetector;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.runtime.ExecutionProvider;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import id.pantau.core.asset.Assets;
import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaEventBus;
import id.pantau.enforcement.BackOffice;
import id.pantau.enforcement.audit.AuditCheckpoints;
import id.pantau.enforcement.audit.StoreAuditAnchor;
import id.pantau.storage.signing.SigningKeys;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.auth.AdminBootstrap;
import id.pantau.enforcement.evidence.EdgeEvidence;
import id.pantau.enforcement.complaint.ComplaintSettings;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraListLoader;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DemoCameras;
import id.pantau.ingest.worker.CameraState;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.signing.PemKeys;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running Pantau node: the composition root. It builds the stages a node config asks for, joins them through
 * the event bus, mounts their HTTP routes on one server, and closes everything in reverse order. It lives here,
 * not in the CLI, so tests can start and stop a whole node.
 */
public final class Pantau implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pantau.class);

    /** How often the audit chain's head is signed into the evidence store (besides after every ticket). */
    static final java.time.Duration AUDIT_CHECKPOINT_INTERVAL = java.time.Duration.ofMinutes(5);

    private final PrometheusMeterRegistry registry;
    private final NodeConfig config;
    /** closed in reverse order of creation */
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private EventBus bus;
    private IngestManager ingest;
    private EnforcementServices enforcement;
    private BackOffice backOffice;
    private CameraConfigStore geometry;
    private CameraPipelines pipelines;
    private EvidenceStorage evidence;
    private String url;

    private Pantau(NodeConfig config) {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** CLI options of {@code ./pantau demo}: everything embedded. */
    public record Options(String host, int port, Path dataDir, Path camerasConfig) {
    }

    public static Pantau start(Options options) throws IOException {
        return start(NodeConfigLoader.embedded(options.dataDir(), options.camerasConfig(), options.host(), options.port()),
                AdminBootstrap::printToConsole);
    }

    /**
     * Starts a node.
     *
     * @param announceAdminPassword receives the one-time password of the first admin, when the database is new
     */
    public static Pantau start(NodeConfigLoader.Loaded loaded, Consumer<String> announceAdminPassword) throws IOException {
        Pantau node = new Pantau(loaded.node());
        try {
            node.startStages(loaded, announceAdminPassword);
            return node;
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startStages(NodeConfigLoader.Loaded loaded, Consumer<String> announceAdminPassword) throws IOException {
        NodeConfig c = loaded.node();
        Files.createDirectories(c.dataDir());
        Clock clock = Clock.systemDefaultZone();
        Vertx vertx = Vertx.vertx();
        closeables.push(() -> vertx.close().await());

        bus = openBus(c.bus(), c.dataDir());
        closeables.push(bus);

        if (runs(NodeConfig.Stage.EVIDENCE) || runs(NodeConfig.Stage.ENFORCEMENT)) {
            evidence = openEvidence(loaded.evidence());
            closeables.push(evidence);
        }

        OpsServer http = new OpsServer(vertx, registry, this::health);
        if (runs(NodeConfig.Stage.ENFORCEMENT)) {
            mountEnforcement(vertx, http, evidence, loaded.evidence(), clock, announceAdminPassword);
        }
        geometry = new CameraConfigStore(c.dataDir().resolve("cameras"));
        if (runs(NodeConfig.Stage.INGEST)) {
            List<CameraSource> cameras = c.cameras() != null ? CameraListLoader.load(c.cameras()) : demoCameras();
            if (c.cameras() == null) {
                DemoGeometry.seed(geometry, cameras);
            }
            ingest = new IngestManager(cameras, registry);
            closeables.push(ingest);
        }
        if (runs(NodeConfig.Stage.PERCEPTION)) {
            // with an evidence stage here, violations reach pantau.violations only through it, with their evidence;
            // without analytics the cameras are detected and tracked (metrics) and nothing is published
            pipelines = runs(NodeConfig.Stage.ANALYTICS)
                    ? new CameraPipelines(ingest, openPerception(c.detector()), geometry,
                    new EventPublisher(bus, registry, !runs(NodeConfig.Stage.EVIDENCE)), registry)
                    : CameraPipelines.withoutAnalytics(ingest, openPerception(c.detector()), registry);
            if (runs(NodeConfig.Stage.EVIDENCE)) {
                EdgeEvidence edge = EdgeEvidence.start(ingest, evidence, bus, EventPublisher.EVENTS_TOPIC,
                        config.bus().clientId(), EdgeEvidence.Settings.defaults(), registry);
                closeables.push(edge);
                pipelines.addFrameListener(edge.frames());
            }
        }
        if (runs(NodeConfig.Stage.CONSOLE)) {
            NodeConsoleBackend consoleBackend = new NodeConsoleBackend(ingest, geometry, bus, registry);
            if (pipelines != null) {
                pipelines.addFrameListener(consoleBackend::tracked); // the live view's track overlay
            }
            MapTiles tiles = new MapTiles(c.console().mapTiles(), c.console().mapAttribution());
            ConsoleApi console = ConsoleApi.start(vertx, consoleBackend,
                    BearerAuth.create(vertx, enforcement.tokens()), enforcement, registry, tiles);
            closeables.push(console);
            http.router().route("/console-api/*").subRouter(console.router());
            ConsoleStatic.mount(http.router(), tiles);
        }
        int port = http.start(c.http().host(), c.http().port());
        closeables.push(http);
        url = "http://" + c.http().host() + ":" + port + "/";
        if (ingest != null) {
            ingest.start();
        }
        if (pipelines != null) {
            pipelines.start();
            closeables.push(pipelines);
        }
        log.info("serving {} with stages {} (bus {}, data dir {})", url, c.stages(), c.bus().type(), c.dataDir());
    }

    /**
     * The detector a node's {@code detector} section asks for: {@code score_threshold} is the lowest score it
     * reports for every class (the tracker's per-class thresholds then decide which boxes start tracks).
     */
    static DetectorSettings detectorSettings(NodeConfig.Detector d) {
        DetectorSettings settings = DetectorSettings.forTracking(d.intraOpThreads(), d.sessions())
                .withProvider(ExecutionProvider.valueOf(d.provider().toUpperCase(java.util.Locale.ROOT)), 0)
                .withMaxBatch(d.maxBatch());
        float floor = d.scoreThreshold().floatValue();
        for (RoadUserClass c : RoadUserClass.values()) {
            settings = settings.withThreshold(c, floor);
        }
        return settings;
    }

    private PerceptionStage openPerception(NodeConfig.Detector d) {
        DetectorModelSpec spec = DetectorModelSpec.from(Assets.defaults().model(d.model()));
        OnnxDetector onnx = OnnxDetector.open(spec, detectorSettings(d));
        closeables.push(onnx);
        Detector detector = onnx;
        if (onnx.batched()) {
            // the cameras' frames meet in shared inferences; a batch-1 model (the shipped one) skips the hand-over
            BatchingDetector batching = new BatchingDetector(onnx, onnx.maxBatch(),
                    java.time.Duration.ofMillis(d.batchWaitMs()), d.sessions(), Math.max(16, 4 * onnx.maxBatch()),
                    registry);
            closeables.push(batching);
            detector = batching;
        }
        PerceptionStage stage = new PerceptionStage(detector,
                MotionSettings.defaults().withForceEvery(d.forceDetectEvery()), TrackerSettings.defaults(), registry);
        closeables.push(stage);
        return stage;
    }

    /** Kafka when configured; else the in-process bus, journaled under the data dir so a killed node loses no event. */
    private EventBus openBus(NodeConfig.Bus b, Path dataDir) {
        if ("kafka".equals(b.type())) {
            return new KafkaEventBus(KafkaBusConfig.of(b.bootstrapServers(), b.clientId()).withPartitions(b.partitions()),
                    registry);
        }
        return InProcessEventBus.journaled(dataDir.resolve("bus"));
    }

    /** Opens the evidence store; a local node without signing keys gets a fresh Ed25519 pair on first start. */
    private EvidenceStorage openEvidence(EvidenceStoreConfig ec) {
        if (EvidenceStoreConfig.ED25519.equals(ec.signing()) && ec.signingPrivateKey() != null
                && !Files.exists(ec.signingPrivateKey()) && ec.signingPublicKey() != null) {
            PemKeys.generateEd25519(ec.signingPrivateKey(), ec.signingPublicKey());
            log.info("created the evidence signing key pair {} (keep the private key safe; verifiers need the public one)",
                    ec.signingPrivateKey());
        }
        return EvidenceStorage.open(ec, registry);
    }

    private void mountEnforcement(Vertx vertx, OpsServer http, EvidenceStorage evidence, EvidenceStoreConfig keys,
                                  Clock clock, Consumer<String> announceAdminPassword) {
        NodeConfig.Database db = config.database();
        NodeConfig.Complaints cc = config.complaints();
        EnforcementConfig ec = EnforcementConfig.defaults(config.dataDir()).withDatabase(db.url(), db.user(), db.password())
                .withComplaints(ComplaintSettings.defaults().withLink(cc.linkDistanceM(),
                        java.time.Duration.ofMinutes(cc.corroborationWindowMinutes())));
        // the audit chain is anchored in the evidence store, signed with the node's evidence key
        AuditCheckpoints checkpoints = new AuditCheckpoints(new StoreAuditAnchor(evidence.store()),
                SigningKeys.signer(keys), SigningKeys.verifier(keys), AUDIT_CHECKPOINT_INTERVAL, clock);
        // evidence is served only when it matches its signed manifest, checked with the node's own key
        // complaints link to the cameras by their configured positions; the store and ingest are built just after this
        ConfiguredCameras cameras = new ConfiguredCameras(() -> geometry,
                () -> ingest == null ? null : id -> NodeConsoleBackend.latestJpeg(ingest, id));
        backOffice = BackOffice.start(ec, bus, key -> evidence.store().get(key), SigningKeys.verifier(keys), checkpoints,
                cameras, vertx, http.router(), clock,
                registry, announceAdminPassword);
        closeables.push(backOffice);
        enforcement = backOffice.services();
    }

    private boolean runs(NodeConfig.Stage stage) {
        return config.stages().contains(stage);
    }

    /** Every sample video of the data manifest as a looping, real-time camera. */
    static List<CameraSource> demoCameras() {
        return DemoCameras.fromVideos(Assets.defaults().data("videos"));
    }

    /** Healthy while the database answers and at least one camera streams (or the node runs none); details say which. */
    private OpsServer.Health health() {
        JsonObject details = new JsonObject().put("stages", config.stages().toString());
        boolean databaseUp = true;
        boolean degraded = false;
        if (backOffice != null) {
            BackOffice.Health office = backOffice.health();
            databaseUp = office.databaseUp();
            degraded = office.openDeadLetters() > 0;
            details.put("database", databaseUp ? "UP" : "DOWN").put("dead_letters", office.openDeadLetters());
        }
        if (ingest == null) {
            return new OpsServer.Health(databaseUp, degraded, details);
        }
        JsonObject cameras = new JsonObject();
        boolean anyStreaming = false;
        for (var e : ingest.states().entrySet()) {
            cameras.put(e.getKey().value(), e.getValue().toString());
            anyStreaming |= e.getValue() instanceof CameraState.Streaming;
        }
        return new OpsServer.Health(databaseUp && (anyStreaming || ingest.states().isEmpty()), degraded,
                details.put("cameras", cameras));
    }

    public String url() {
        return url;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public IngestManager ingest() {
        return ingest;
    }

    public EventBus bus() {
        return bus;
    }

    public EvidenceStorage evidence() {
        return evidence;
    }

    public CameraConfigStore geometry() {
        return geometry;
    }

    public CameraPipelines pipelines() {
        return pipelines;
    }

    public EnforcementServices enforcement() {
        return enforcement;
    }

    @Override
    public void close() {
        log.info("stopping");
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        registry.close();
    }
}
