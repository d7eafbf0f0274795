package id.pantau.benchmarks.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.benchmarks.pipeline.ResourceSampler;
import id.pantau.core.json.Json;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.live.LiveChunk;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.live.LiveViewer;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ./pantau bench --live}: what the console's live wall costs the node. N cameras play the clip in real time
 * (ingest only, no perception) three times over: without the live tap (decoding alone), with the tap and no viewer
 * (the remux), and with V viewers per camera, each a separate {@code curl} process (so the viewers' own CPU is not
 * counted) reading the camera's fragmented MP4 over loopback HTTP from a Vert.x server that empties each viewer's
 * queue as the console does (chunked response, stop when the socket's write queue is full). CPU is the process's
 * (FFmpeg's native threads included), memory its resident set.
 */
public final class LiveViewBench {
    private final Path clip;
    private final int cameras;
    private final int viewersPerCamera;
    private final double seconds;
    private final double warmup;

    public LiveViewBench(Path clip, int cameras, int viewersPerCamera, double seconds, double warmup) {
        this.clip = clip;
        this.cameras = cameras;
        this.viewersPerCamera = viewersPerCamera;
        this.seconds = seconds;
        this.warmup = warmup;
    }

    /** One phase's figures. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Phase(String name, int cameras, int viewers, double cpuCores, long rssBytes, long heapAfterGcBytes,
                        long directBytes, double readerFps, double sentBytesPerSecond) {
    }

    /** The report: the phases and what one camera and one viewer add. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String clip, int cameras, int viewersPerCamera, double seconds, long rssIdleBytes,
                         List<Phase> phases, double cpuCoresPerCameraDecode, double cpuCoresPerCameraRemux,
                         double cpuCoresPerViewer, long rssBytesPerCamera, long rssBytesPerViewer,
                         long heapBytesPerViewer, long heapAndDirectBytesPerCameraRemux) {
    }

    public Report run() throws Exception {
        System.gc();
        Thread.sleep(500);
        long idle = ResourceSampler.residentBytesNow();
        List<Phase> phases = new ArrayList<>();
        phases.add(phase("decode only", false, 0));
        phases.add(phase("decode + live remux", true, 0));
        phases.add(phase("decode + remux + viewers", true, viewersPerCamera));
        Phase decode = phases.get(0);
        Phase remux = phases.get(1);
        Phase viewers = phases.get(2);
        int totalViewers = cameras * viewersPerCamera;
        return new Report(clip.getFileName().toString(), cameras, viewersPerCamera, seconds, idle, phases,
                decode.cpuCores() / cameras, (remux.cpuCores() - decode.cpuCores()) / cameras,
                totalViewers == 0 ? 0 : (viewers.cpuCores() - remux.cpuCores()) / totalViewers,
                (decode.rssBytes() - idle) / cameras,
                totalViewers == 0 ? 0 : (viewers.rssBytes() - remux.rssBytes()) / totalViewers,
                totalViewers == 0 ? 0 : (viewers.heapAfterGcBytes() + viewers.directBytes() - remux.heapAfterGcBytes()
                        - remux.directBytes()) / totalViewers,
                (remux.heapAfterGcBytes() + remux.directBytes() - decode.heapAfterGcBytes() - decode.directBytes())
                        / cameras);
    }

    private Phase phase(String name, boolean tap, int viewersEach) throws Exception {
        List<CameraSource> sources = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            sources.add(CameraSource.builder("live" + i, clip.toString()).pacing(Pacing.REALTIME).loop(true)
                    .analysisFps(1).queueCapacity(1).ringMaxBytes(0).build());
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, LiveFeed> feeds = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        List<Process> curls = new ArrayList<>();
        try (IngestManager ingest = new IngestManager(sources, registry)) {
            for (CameraWorker w : ingest.cameras()) {
                if (tap) {
                    LiveFeed f = new LiveFeed(w.id(), registry);
                    w.tap(f);
                    feeds.put(w.id().value(), f);
                }
            }
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                LiveFeed f = feeds.get(req.path().substring(1));
                Optional<LiveViewer> v = f == null ? Optional.empty() : f.subscribe();
                if (v.isEmpty()) {
                    req.response().setStatusCode(503).end();
                } else {
                    serve(vertx, req.response(), v.get());
                }
            }).listen(0, "127.0.0.1").await();
            ingest.start();
            if (tap) {
                long until = System.nanoTime() + 20_000_000_000L;
                while (feeds.values().stream().anyMatch(f -> f.unavailable().isPresent()) && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            }
            for (int c = 0; c < cameras && viewersEach > 0; c++) {
                for (int v = 0; v < viewersEach; v++) {
                    curls.add(new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--max-time",
                            String.valueOf((int) (warmup + seconds + 30)),
                            "http://127.0.0.1:" + server.actualPort() + "/live" + c)
                            .redirectErrorStream(true).start());
                }
            }
            Thread.sleep((long) (warmup * 1000));
            double sent0 = sent(registry);
            long frames0 = ingest.cameras().stream().mapToLong(CameraWorker::framesDecoded).sum();
            Phase p;
            try (ResourceSampler sampler = new ResourceSampler()) {
                Thread.sleep((long) (seconds * 1000));
                double wall = sampler.wallSeconds();
                long frames = ingest.cameras().stream().mapToLong(CameraWorker::framesDecoded).sum() - frames0;
                double cpu = sampler.cpuSeconds() / wall;
                double sentPerSecond = (sent(registry) - sent0) / wall;
                long rss = sampler.peakMemoryBytes();
                // what is live now, while everything still runs: the heap after a collection, and direct buffers
                // (the sockets' and FFmpeg's Java-side buffers); native memory of FFmpeg itself is only in the RSS
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                        .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
                p = new Phase(name, cameras, viewersEach * cameras, cpu, rss, heap, direct, frames / wall / cameras,
                        sentPerSecond);
            }
            server.close().await();
            return p;
        } finally {
            curls.forEach(Process::destroy);
            vertx.close().await();
        }
    }

    private static double sent(SimpleMeterRegistry registry) {
        return registry.find("pantau.live.bytes").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** As the console serves a viewer: pull from its queue while the socket takes it. */
    private static void serve(Vertx vertx, HttpServerResponse response, LiveViewer viewer) {
        response.setChunked(true).setWriteQueueMaxSize(256 * 1024).putHeader("content-type", "video/mp4");
        Context context = vertx.getOrCreateContext();
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (!response.writeQueueFull()) {
                LiveChunk c = viewer.poll();
                if (c == null) {
                    if (viewer.ended() != null && !response.ended()) {
                        response.end();
                    }
                    return;
                }
                response.write(Buffer.buffer(c.bytes()));
            }
        };
        response.closeHandler(v -> viewer.close());
        response.drainHandler(v -> pump[0].run());
        viewer.onReady(() -> context.runOnContext(v -> pump[0].run()));
    }

    public static void write(Report r, Path json) throws Exception {
        Files.createDirectories(json.toAbsolutePath().getParent());
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), r);
    }

    public static String summary(Report r) {
        StringBuilder b = new StringBuilder();
        for (Phase p : r.phases()) {
            b.append(String.format(Locale.ROOT, "  %-26s cameras %d  viewers %3d  CPU %.3f cores  RSS %4d MiB  "
                            + "heap %4d MiB  direct %3d MiB  %.1f fps/camera  sent %.0f kB/s%n", p.name(), p.cameras(),
                    p.viewers(), p.cpuCores(), p.rssBytes() >> 20, p.heapAfterGcBytes() >> 20, p.directBytes() >> 20,
                    p.readerFps(), p.sentBytesPerSecond() / 1024));
        }
        b.append(String.format(Locale.ROOT, "per camera: decode %.3f cores, RSS %d MiB; live remux %+.4f cores, "
                        + "heap+direct %+.2f MiB%nper viewer: %.4f cores, heap+direct %+.3f MiB (RSS %+.2f MiB, upper bound)",
                r.cpuCoresPerCameraDecode(), r.rssBytesPerCamera() >> 20, r.cpuCoresPerCameraRemux(),
                r.heapAndDirectBytesPerCameraRemux() / 1048576.0, r.cpuCoresPerViewer(),
                r.heapBytesPerViewer() / 1048576.0, r.rssBytesPerViewer() / 1048576.0));
        return b.toString();
    }
}
