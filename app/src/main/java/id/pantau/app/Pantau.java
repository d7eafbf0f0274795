package id.pantau.app;

import id.pantau.app.http.OpsServer;
import id.pantau.core.asset.Assets;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraConfigLoader;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DemoCameras;
import id.pantau.ingest.worker.CameraState;
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
import java.util.List;

/**
 * A running Pantau node on embedded defaults: composes the stages and the HTTP server, and closes them in reverse
 * order. The composition lives here, not in the CLI, so tests can start and stop a whole node.
 */
public final class Pantau implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pantau.class);

    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private final IngestManager ingest;
    private final OpsServer http;
    private final String url;

    private Pantau(PrometheusMeterRegistry registry, Vertx vertx, IngestManager ingest, OpsServer http, String url) {
        this.registry = registry;
        this.vertx = vertx;
        this.ingest = ingest;
        this.http = http;
        this.url = url;
    }

    public record Options(String host, int port, Path dataDir, Path camerasConfig) {
    }

    public static Pantau start(Options options) throws IOException {
        Files.createDirectories(options.dataDir());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        List<CameraSource> cameras = options.camerasConfig() != null
                ? CameraConfigLoader.load(options.camerasConfig())
                : demoCameras();
        IngestManager ingest = new IngestManager(cameras, registry);
        Vertx vertx = Vertx.vertx();
        OpsServer http = new OpsServer(vertx, registry, () -> health(ingest));
        int port;
        try {
            port = http.start(options.host(), options.port());
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
        ingest.start();
        String url = "http://" + options.host() + ":" + port + "/";
        log.info("serving {} with {} cameras (data dir {})", url, cameras.size(), options.dataDir().toAbsolutePath());
        return new Pantau(registry, vertx, ingest, http, url);
    }

    /** Every sample video of the data manifest as a looping, real-time camera. */
    static List<CameraSource> demoCameras() {
        return DemoCameras.fromVideos(Assets.defaults().data("videos"));
    }

    /** Healthy while at least one camera streams (or none is configured); details carry every camera's state. */
    private static OpsServer.Health health(IngestManager ingest) {
        JsonObject cameras = new JsonObject();
        boolean anyStreaming = false;
        for (var e : ingest.states().entrySet()) {
            cameras.put(e.getKey().value(), e.getValue().toString());
            anyStreaming |= e.getValue() instanceof CameraState.Streaming;
        }
        return new OpsServer.Health(anyStreaming || ingest.states().isEmpty(), new JsonObject().put("cameras", cameras));
    }

    public IngestManager ingest() {
        return ingest;
    }

    public String url() {
        return url;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        log.info("stopping");
        ingest.close();
        http.close();
        vertx.close().await();
        registry.close();
    }
}
