package id.pantau.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.asset.Assets;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.json.Json;
import id.pantau.enforcement.review.QueueFilter;
import id.pantau.enforcement.violation.Violation;
import id.pantau.storage.verify.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ETLE path in one node, on the real intersection footage played as a live camera: ingest, detection,
 * tracking, signal state and red-light analytics, the signed evidence package from the camera's frame ring, and
 * the police review queue. Nothing is stubbed.
 */
class NodeEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aRedLightViolationOnLiveFootageReachesThePoliceQueueWithVerifiableEvidence() throws Exception {
        Path video = Assets.defaults().data("videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        Files.writeString(dir.resolve("cameras.yaml"), """
                cameras:
                  - id: simpang-hanoi
                    file: %s
                    mode: realtime
                    loop: true
                    analysis_fps: 6
                    ring_seconds: 14
                    ring_fps: 6
                """.formatted(video));
        Files.writeString(dir.resolve("node.yaml"), """
                http: {port: 0}
                data_dir: data
                cameras: cameras.yaml
                stages: [ingest, perception, analytics, evidence, enforcement]
                detector: {intra_op_threads: 1, sessions: 2}
                """);
        NodeConfigLoader.Loaded loaded = NodeConfigLoader.load(dir.resolve("node.yaml"));
        try (Pantau node = Pantau.start(loaded, password -> { })) {
            ObjectNode geometry = (ObjectNode) Json.mapper().readTree(
                    Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
            geometry.put("camera", "simpang-hanoi");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));

            List<Violation> queue = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> node.enforcement().reviews().queue(QueueFilter.open()),
                            q -> q.stream().anyMatch(v -> v.evidenceKey() != null));
            Violation v = queue.stream().filter(x -> x.evidenceKey() != null).findFirst().orElseThrow();
            assertThat(v.camera()).isEqualTo("simpang-hanoi");
            assertThat(v.photos()).contains("frame_before.jpg", "frame_at.jpg", "frame_after.jpg");
            VerificationReport report = node.evidence().verify(v.evidenceKey());
            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(node.evidence().store().exists(v.evidenceKey() + "clip.mp4")).isTrue();

            // the officer's case view plays the signed clip: served through the API, checked against the manifest
            node.enforcement().users().create("test", "polisi.uji", "kata-sandi-uji-123", id.pantau.enforcement.auth.Role.POLICE, false);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url() + "api/auth/login"))
                    .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"polisi.uji\",\"password\":\"kata-sandi-uji-123\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            String token = Json.mapper().readTree(login).get("token").asText();
            java.net.http.HttpResponse<byte[]> clip = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    node.url() + "api/violations/" + v.id() + "/evidence/clip.mp4")).header("authorization", "Bearer " + token)
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(clip.statusCode()).as(new String(clip.body())).isEqualTo(200);
            assertThat(clip.headers().firstValue("content-type")).hasValue("video/mp4");
            assertThat(new String(clip.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

            // the operator's check from the command line: intact, then one altered photo is named
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cli = Main.commandLine();
            cli.setOut(new java.io.PrintWriter(out));
            String[] verify = {"evidence", "verify", "--config", dir.resolve("node.yaml").toString(), v.evidenceKey()};
            assertThat(cli.execute(verify)).as(out.toString()).isZero();
            Path photo = loaded.evidence().dir().resolve(v.evidenceKey()).resolve("frame_at.jpg");
            Files.write(photo, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            java.io.StringWriter out2 = new java.io.StringWriter();
            cli.setErr(new java.io.PrintWriter(out2));   // a failed check is reported on stderr
            assertThat(cli.execute(verify)).isEqualTo(1);
            assertThat(out2.toString()).contains("frame_at.jpg").containsIgnoringCase("altered");
        }
    }
}
