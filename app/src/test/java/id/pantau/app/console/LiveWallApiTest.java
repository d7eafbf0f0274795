package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.enforcement.auth.Role;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.worker.CameraWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The wall's multiplexed stream over real HTTP: its frames, its bad input, its token. */
class LiveWallApiTest {
    @TempDir
    Path dir;

    @Test
    void theWallCarriesEachCamerasStreamAndSaysWhyACameraHasNone() throws Exception {
        try (ConsoleTestRig rig = new ConsoleTestRig(dir)) {
            CameraSource cam = CameraSource.builder("road", SharedVideoSnapshots.video(LiveVideoLoadTest.ROAD).toString())
                    .pacing(Pacing.REALTIME).loop(true).analysisFps(1).queueCapacity(1).build();
            try (IngestManager ingest = new IngestManager(List.of(cam), rig.registry)) {
                CameraWorker w = ingest.camera(CameraId.of("road"));
                LiveFeed feed = new LiveFeed(w.id(), rig.registry);
                w.tap(feed);
                rig.backend.live(feed);
                ingest.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> feed.unavailable().isEmpty());
                String token = rig.login(Role.POLICE);

                assertThat(rig.send("GET", "/console-api/live/wall?cameras=road", null, null).statusCode()).isEqualTo(401);
                var missing = rig.send("GET", "/console-api/live/wall", token, null);
                assertThat(missing.statusCode()).isEqualTo(400);
                assertThat(missing.body()).contains("cameras");
                var bad = rig.send("GET", "/console-api/live/wall?cameras=road,..%2F", token, null);
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("cameras");

                HttpResponse<InputStream> wall = rig.http().send(HttpRequest.newBuilder(
                                URI.create(rig.url + "/console-api/live/wall?cameras=simpang-kawat-n,road"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(wall.statusCode()).isEqualTo(200);
                Map<Character, Integer> kinds = new HashMap<>();
                String unavailable = null;
                long origin = 0;
                String firstData = null;
                try (DataInputStream in = new DataInputStream(wall.body())) {
                    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < end) {
                        char kind = (char) in.readUnsignedByte();
                        int index = in.readUnsignedShort();
                        byte[] payload = in.readNBytes(in.readInt());
                        kinds.merge(kind, 1, Integer::sum);
                        if (kind == 'U') {
                            assertThat(index).isZero();
                            unavailable = new String(payload, StandardCharsets.UTF_8);
                        } else {
                            assertThat(index).as("the road camera is the second asked for").isEqualTo(1);
                        }
                        if (kind == 'S') {
                            origin = java.nio.ByteBuffer.wrap(payload).getLong();
                        }
                        if (kind == 'D' && firstData == null) {
                            firstData = new String(payload, 4, 4, StandardCharsets.US_ASCII);
                        }
                    }
                }
                assertThat(unavailable).contains("not read by this node");
                assertThat(kinds.get('S')).isEqualTo(1);
                assertThat(origin).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
                assertThat(firstData).as("the init segment first").isEqualTo("ftyp");
                assertThat(kinds.get('D')).as("3 s of a 24 fps camera").isGreaterThan(40);
                await().atMost(Duration.ofSeconds(5)).until(() -> feed.viewers() == 0);
            }
        }
    }
}
