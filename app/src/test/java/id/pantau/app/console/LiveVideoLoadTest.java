package id.pantau.app.console;

import id.pantau.core.camera.CameraId;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.http.BearerAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.worker.CameraWorker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fifty browsers open on one camera's live video over real HTTP, forty-nine of which never read (their sockets
 * fill up) and one that does: the camera's reader keeps its frame rate, the reading viewer keeps up, and the
 * node's memory stays flat because every stuck viewer is held to its byte budget.
 */
class LiveVideoLoadTest {
    /** 640x352, 24 fps, about 64 kB/s: cheap to decode, so the frame rate says nothing but "not held up". */
    static final String ROAD = "ahmetozlu_vehicle_survaillance_road_38s.mp4";
    /** Small, so that stuck viewers reach it within the test (the real default is 2 MiB). */
    static final long BUDGET = 128 * 1024;

    @TempDir
    Path dir;

    @Test
    void fiftyOpenViewersNeitherStallTheReaderNorGrowMemoryWithoutBound() throws Exception {
        try (ConsoleTestRig rig = new ConsoleTestRig(dir)) {
            CameraSource cam = CameraSource.builder("road", SharedVideoSnapshots.video(ROAD).toString())
                    .pacing(Pacing.REALTIME).loop(true).analysisFps(1).queueCapacity(1).build();
            try (IngestManager ingest = new IngestManager(List.of(cam), rig.registry)) {
                CameraWorker w = ingest.camera(CameraId.of("road"));
                LiveFeed feed = new LiveFeed(w.id(), rig.registry, BUDGET);
                w.tap(feed);
                rig.backend.live(feed);
                ingest.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> feed.unavailable().isEmpty());
                String token = rig.login(Role.OPERATOR);
                // the console as the rig serves it, on a server whose sockets buffer little (a phone on a bad
                // link): the stuck viewers' sockets fill within a second and the byte budget does the rest
                Router root = Router.router(rig.vertx);
                ConsoleApi api = ConsoleApi.start(rig.vertx, rig.backend, BearerAuth.create(rig.vertx, rig.services.tokens()),
                        rig.services, rig.registry);
                root.route("/console-api/*").subRouter(api.router());
                HttpServer small = rig.vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(8192))
                        .requestHandler(root).listen(0, "127.0.0.1").await();
                int port = small.actualPort();
                String url = "http://127.0.0.1:" + port;

                List<Socket> stuck = new ArrayList<>();
                for (int i = 0; i < 49; i++) {
                    Socket s = new Socket();
                    s.setReceiveBufferSize(4096);   // a slow phone on a bad link: its socket fills at once
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /console-api/cameras/road/live.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stuck.add(s);   // never read
                }
                AtomicLong read = new AtomicLong();
                HttpResponse<InputStream> live = rig.http().send(HttpRequest.newBuilder(
                                URI.create(url + "/console-api/cameras/road/live.mp4"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(live.headers().firstValue("content-type")).hasValue("video/mp4");
                Thread reader = Thread.ofPlatform().daemon().start(() -> {
                    byte[] buf = new byte[64 * 1024];
                    try (InputStream in = live.body()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            read.addAndGet(n);
                        }
                    } catch (java.io.IOException ignored) {
                        // closed at the end of the test
                    }
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> feed.viewers() == 50);

                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                Thread.sleep(4000);   // the stuck sockets fill, the budget is reached
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                long decodedBefore = w.framesDecoded();
                long readBefore = read.get();
                long t0 = System.nanoTime();
                long maxQueued = 0;   // the most any viewer had waiting, sampled through the window
                while (System.nanoTime() - t0 < 10_000_000_000L) {
                    maxQueued = Math.max(maxQueued, feed.maxQueuedBytes());
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double fps = (w.framesDecoded() - decodedBefore) / seconds;
                System.gc();
                long heapAfter = memory.getHeapMemoryUsage().getUsed();

                System.out.printf("50 viewers: reader %.1f fps, reading viewer %.0f kB/s, max queued %d kB, heap %+d MB%n",
                        fps, (read.get() - readBefore) / seconds / 1024, maxQueued / 1024,
                        (heapAfter - heapBefore) >> 20);
                assertThat(fps).as("the camera's 24 fps, unaffected").isGreaterThan(24 * 0.85);
                assertThat(read.get() - readBefore).as("the reading viewer keeps getting video").isGreaterThan(100_000);
                assertThat(maxQueued).as("stuck viewers fill their queue").isGreaterThan(BUDGET / 4);
                assertThat(maxQueued).as("a stuck viewer holds at most its budget")
                        .isLessThanOrEqualTo(BUDGET + 64 * 1024);
                assertThat(heapAfter - heapBefore).as("heap growth over 10 s with 49 stuck viewers")
                        .isLessThan(48L << 20);
                assertThat(feed.viewers()).isEqualTo(50);
                assertThat(rig.registry.get("pantau.live.viewer.skips").tag("camera", "road").counter().count())
                        .as("stuck viewers skipped ahead").isPositive();

                for (Socket s : stuck) {
                    s.close();
                }
                live.body().close();
                reader.interrupt();
                await().atMost(Duration.ofSeconds(10)).until(() -> feed.viewers() == 0);
                small.close().await();
                api.close();
            }
        }
    }
}
