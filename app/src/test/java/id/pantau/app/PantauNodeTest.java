package id.pantau.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PantauNodeTest {
    @TempDir
    Path dataDir;

    @Test
    void servesHealthAndPrometheusMetricsOnLoopback() throws Exception {
        try (Pantau node = Pantau.start(new Pantau.Options("127.0.0.1", 0, dataDir, null))) {
            // the six sample videos run as looping cameras and all reach STREAMING
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(node.ingest().states().values()).hasSize(6)
                            .allMatch(s -> s instanceof id.pantau.ingest.worker.CameraState.Streaming));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(node.url() + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(health.body()).contains("\"cameras\"").contains("STREAMING");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(node.url() + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("pantau_ingest_frames_decoded_total");
            // the console is served at the root; its API and the enforcement API need a user
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(node.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            // every camera's packets are remuxed for the live view as they are read
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(node.url() + "metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body())
                            .containsPattern("pantau_live_fragments_total\\{camera=\"[^\"]+\"[^}]*} [1-9]"));
            for (String path : new String[] {"console-api/cameras", "api/violations",
                    "console-api/cameras/" + node.ingest().cameras().getFirst().id() + "/live.mp4"}) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(401);
            }
        }
    }

    @Test
    void modelsCommandVerifiesEveryManifestModel() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("models", "--verify");
        assertThat(out.toString()).contains("yolox_nano").contains("ppocrv4_rec").doesNotContain("MISSING");
        assertThat(code).isZero();
    }

    @Test
    void aBusyPortIsAClearError() throws Exception {
        try (Pantau first = Pantau.start(new Pantau.Options("127.0.0.1", 0, dataDir, null))) {
            int port = URI.create(first.url()).getPort();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err));
            int code = cli.execute("demo", "--port", String.valueOf(port), "--data-dir", dataDir.toString(), "--duration", "1");
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("cannot serve HTTP on 127.0.0.1:" + port).contains("--port");
        }
    }
}
