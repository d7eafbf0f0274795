package id.pantau.app;

import id.pantau.app.http.OpsServer;
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

/**
 * A running Pantau node on embedded defaults: composes the stages and the HTTP server, and closes them in reverse
 * order. The composition lives here, not in the CLI, so tests can start and stop a whole node.
 */
public final class Pantau implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pantau.class);

    private final PrometheusMeterRegistry registry;
    private final Vertx vertx;
    private final OpsServer http;
    private final String url;

    private Pantau(PrometheusMeterRegistry registry, Vertx vertx, OpsServer http, String url) {
        this.registry = registry;
        this.vertx = vertx;
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
        Vertx vertx = Vertx.vertx();
        OpsServer http = new OpsServer(vertx, registry, () -> new OpsServer.Health(true, new JsonObject()));
        int port = http.start(options.host(), options.port());
        String url = "http://" + options.host() + ":" + port + "/";
        log.info("serving {} (data dir {})", url, options.dataDir().toAbsolutePath());
        return new Pantau(registry, vertx, http, url);
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
        http.close();
        vertx.close().await();
        registry.close();
    }
}
