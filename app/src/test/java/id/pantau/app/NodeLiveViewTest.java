package id.pantau.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.core.asset.Assets;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.json.Json;
import id.pantau.enforcement.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view as a node wires it, nothing stubbed: the camera's reader tees its packets into the live feed, and
 * the tracks of the node's own detector and tracker reach the overlay stream keyed by capture time, beside the
 * camera's geometry.
 */
class NodeLiveViewTest {
    @TempDir
    Path dir;

    @Test
    void theNodeServesTheCamerasLiveVideoAndItsOwnTracksForTheOverlay() throws Exception {
        Path video = Assets.defaults().data("videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        Files.writeString(dir.resolve("cameras.yaml"), """
                cameras:
                  - id: simpang-hanoi
                    file: %s
                    mode: realtime
                    loop: true
                    analysis_fps: 3
                """.formatted(video));
        Files.writeString(dir.resolve("node.yaml"), """
                http: {port: 0}
                data_dir: data
                cameras: cameras.yaml
                stages: [ingest, perception, analytics, enforcement, console]
                detector: {intra_op_threads: 1, sessions: 1}
                """);
        NodeConfigLoader.Loaded loaded = NodeConfigLoader.load(dir.resolve("node.yaml"));
        try (Pantau node = Pantau.start(loaded, password -> { })) {
            ObjectNode geometry = (ObjectNode) Json.mapper().readTree(
                    Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
            geometry.put("camera", "simpang-hanoi");
            node.geometry().save(new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(geometry), "test"));
            node.enforcement().users().create("test", "dishub.uji", "kata-sandi-uji-123", Role.DISHUB, false);
            HttpClient http = HttpClient.newHttpClient();
            String login = http.send(HttpRequest.newBuilder(URI.create(node.url() + "api/auth/login"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"dishub.uji\",\"password\":\"kata-sandi-uji-123\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String token = Json.mapper().readTree(login).get("token").asText();

            // the live video: the camera's own H.264 as fragmented MP4
            byte[] head = null;
            long until = System.nanoTime() + 30_000_000_000L;
            while (head == null && System.nanoTime() < until) {
                HttpResponse<InputStream> live = http.send(HttpRequest.newBuilder(URI.create(
                                node.url() + "console-api/cameras/simpang-hanoi/live.mp4"))
                        .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = live.body()) {
                    if (live.statusCode() == 200) {
                        head = in.readNBytes(8);
                        assertThat(live.headers().firstValue("x-pantau-media-origin")).isPresent();
                    } else {
                        assertThat(live.statusCode()).as("not streaming yet").isEqualTo(503);
                        Thread.sleep(500);
                    }
                }
            }
            assertThat(head).isNotNull();
            assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");

            // the overlay: the geometry first, then tracks from the node's own detector and tracker
            HttpResponse<InputStream> overlay = http.send(HttpRequest.newBuilder(URI.create(
                            node.url() + "console-api/live/overlay?camera=simpang-hanoi"))
                    .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(overlay.statusCode()).isEqualTo(200);
            JsonNode geometryEvent = null;
            JsonNode tracks = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(overlay.body(), StandardCharsets.UTF_8))) {
                String event = null;
                long end = System.nanoTime() + 120_000_000_000L;
                String line;
                while (System.nanoTime() < end && (line = r.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        JsonNode data = Json.mapper().readTree(line.substring(6));
                        if ("geometry".equals(event)) {
                            geometryEvent = data;
                        } else if ("tracks".equals(event) && !data.path("objects").isEmpty()) {
                            tracks = data;
                            break;
                        }
                    }
                }
            }
            assertThat(geometryEvent).isNotNull();
            assertThat(geometryEvent.path("camera").asText()).isEqualTo("simpang-hanoi");
            assertThat(geometryEvent.path("stop_lines").get(0).path("approach").asText()).isEqualTo("near");
            assertThat(tracks).as("tracks of the node's own pipeline").isNotNull();
            assertThat(tracks.path("camera").asText()).isEqualTo("simpang-hanoi");
            assertThat(tracks.path("width").asInt()).isEqualTo(640);
            assertThat(Math.abs(tracks.path("time").asLong() - System.currentTimeMillis()))
                    .as("keyed by capture time, close to now").isLessThan(10_000);
            JsonNode box = tracks.path("objects").get(0).path("box");
            assertThat(box.size()).isEqualTo(4);
            assertThat(box.get(2).asDouble()).isGreaterThan(box.get(0).asDouble());
        }
    }
}
