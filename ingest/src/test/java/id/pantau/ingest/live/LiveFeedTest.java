package id.pantau.ingest.live;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.sim.GstRtspServer;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live view's remux and fan-out over real clips and a real RTSP server: what a viewer gets is the camera's own
 * H.264 in fragmented MP4 that FFmpeg decodes whole, a looping file continues one timeline, 50 viewers of which 49
 * never read cost the reader nothing and stay within their byte budget, and a camera that drops ends its viewers'
 * streams and offers a new one when it is back.
 */
class LiveFeedTest {
    /** 640x352, 24 fps, a keyframe every 2 s. */
    static final String ROAD = "ahmetozlu_vehicle_survaillance_road_38s.mp4";

    @TempDir
    Path dir;

    @Test
    void aViewerGetsTheCamerasOwnH264AsFragmentedMp4ThatDecodesWhole() throws Exception {
        CameraSource cam = CameraSource.builder("road", SharedData.video(ROAD).toString())
                .pacing(Pacing.REALTIME).loop(true).analysisFps(2).queueCapacity(2).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            CameraWorker w = ingest.camera(CameraId.of("road"));
            LiveFeed feed = new LiveFeed(w.id(), reg);
            w.tap(feed);
            ingest.start();
            LiveViewer viewer = await().atMost(Duration.ofSeconds(15)).until(feed::subscribe, Optional::isPresent).get();
            List<LiveChunk> chunks = drain(viewer, Duration.ofSeconds(3));
            viewer.close();

            assertThat(chunks.getFirst().init()).isTrue();
            assertThat(new String(chunks.getFirst().bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(chunks.get(1).keyframe()).as("a viewer starts at a keyframe").isTrue();
            List<LiveChunk> fragments = chunks.subList(1, chunks.size());
            assertThat(fragments).hasSizeGreaterThan(60); // 3 s at 24 fps, plus the cached GOP
            for (int i = 1; i < fragments.size(); i++) {
                assertThat(fragments.get(i).mediaMicros()).isGreaterThan(fragments.get(i - 1).mediaMicros());
            }
            // the fragments left the reader within a frame or two of being read
            long age = System.currentTimeMillis() - fragments.getLast().readMillis();
            assertThat(age).isLessThan(1_000);
            assertThat(feed.mediaOriginMillis()).isPositive();

            Path mp4 = write(chunks);
            Map<String, String> stream = probe(mp4, "stream=codec_name,profile,width,height");
            Map<String, String> source = probe(SharedData.video(ROAD), "stream=codec_name,profile,width,height");
            assertThat(stream).isEqualTo(source); // the camera's own H.264, not re-encoded
            int decoded = Integer.parseInt(probe(mp4, "stream=nb_read_frames", "-count_frames").get("nb_read_frames"));
            assertThat(decoded).as("every fragment decodes").isEqualTo(fragments.size());
            assertThat(reg.get("pantau.live.fragments").tag("camera", "road").counter().count()).isPositive();
        }
    }

    @Test
    void aLoopingFileContinuesOneTimelineAcrossTheWrap() throws Exception {
        // fast pacing: the 11 s clip wraps every second or so
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).loop(true).analysisFps(1).queueCapacity(1).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            LiveFeed feed = new LiveFeed(w.id(), reg);
            w.tap(feed);
            ingest.start();
            LiveViewer viewer = await().atMost(Duration.ofSeconds(15))
                    .until(() -> feed.subscribe(256L << 20), Optional::isPresent).get();
            List<LiveChunk> chunks = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && chunks.size() < 800) {
                LiveChunk c = viewer.poll();
                if (c == null) {
                    Thread.sleep(5);
                } else {
                    chunks.add(c);
                }
            }
            viewer.close();
            assertThat(chunks).hasSizeGreaterThan(400); // the clip has 335 frames: past the first wrap
            assertThat(viewer.dropped()).isZero();
            List<LiveChunk> fragments = chunks.subList(1, chunks.size());
            for (int i = 1; i < fragments.size(); i++) {
                assertThat(fragments.get(i).mediaMicros()).isGreaterThan(fragments.get(i - 1).mediaMicros());
            }
            int decoded = Integer.parseInt(probe(write(chunks), "stream=nb_read_frames", "-count_frames")
                    .get("nb_read_frames"));
            assertThat(decoded).isEqualTo(fragments.size());
        }
    }

    @Test
    void fiftyViewersOfWhichFortyNineNeverReadNeitherSlowTheReaderNorGrowWithoutBound() throws Exception {
        CameraSource cam = CameraSource.builder("road", SharedData.video(ROAD).toString())
                .pacing(Pacing.REALTIME).loop(true).analysisFps(2).queueCapacity(2).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        long budget = 96 * 1024;
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            CameraWorker w = ingest.camera(CameraId.of("road"));
            LiveFeed feed = new LiveFeed(w.id(), reg);
            w.tap(feed);
            ingest.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> feed.unavailable().isEmpty());
            List<LiveViewer> stuck = new ArrayList<>();
            for (int i = 0; i < 49; i++) {
                stuck.add(feed.subscribe(budget).orElseThrow());
            }
            LiveViewer reading = feed.subscribe(budget).orElseThrow();
            assertThat(feed.viewers()).isEqualTo(50);
            long decodedBefore = w.framesDecoded();
            long t0 = System.nanoTime();
            List<LiveChunk> got = drain(reading, Duration.ofSeconds(8));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double fps = (w.framesDecoded() - decodedBefore) / seconds;

            assertThat(fps).as("the reader keeps the camera's 24 fps").isGreaterThan(24 * 0.85);
            assertThat(w.state()).isInstanceOf(CameraState.Streaming.class);
            assertThat(reading.dropped()).as("a viewer that keeps up loses nothing").isZero();
            assertThat(got.size()).isGreaterThan((int) (seconds * 24 * 0.85));
            for (LiveViewer v : stuck) {
                // bounded: never more than the budget plus the init segment and one keyframe fragment waits
                assertThat(v.queuedBytes()).isLessThanOrEqualTo(budget + 64 * 1024);
                assertThat(v.dropped()).as("a stuck viewer skipped ahead instead of piling up").isPositive();
            }
            assertThat(reg.get("pantau.live.viewers").tag("camera", "road").gauge().value()).isEqualTo(50);
            stuck.forEach(LiveViewer::close);
            reading.close();
            assertThat(feed.viewers()).isZero();
        }
    }

    @Test
    void aCameraThatDropsEndsItsViewersStreamsAndOffersANewOneWhenBack() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("hanoi", SharedData.video(SharedData.HANOI)))) {
            CameraSource cam = CameraSource.builder("hanoi", rtsp.url("hanoi")).transport(Transport.TCP)
                    .stallTimeout(Duration.ofSeconds(2)).analysisFps(2).queueCapacity(2).build();
            SimpleMeterRegistry reg = new SimpleMeterRegistry();
            try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
                CameraWorker w = ingest.camera(CameraId.of("hanoi"));
                LiveFeed feed = new LiveFeed(w.id(), reg);
                w.tap(feed);
                ingest.start();
                LiveViewer viewer = await().atMost(Duration.ofSeconds(20)).until(feed::subscribe, Optional::isPresent).get();
                List<LiveChunk> before = drain(viewer, Duration.ofSeconds(2));
                assertThat(before).hasSizeGreaterThan(5);
                assertThat(Integer.parseInt(probe(write(before), "stream=nb_read_frames", "-count_frames")
                        .get("nb_read_frames"))).isEqualTo(before.size() - 1);

                rtsp.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    while (viewer.poll() != null) {
                        // the rest of what was sent
                    }
                    return viewer.ended() != null;
                });
                assertThat(feed.unavailable()).isPresent();
                assertThat(feed.subscribe()).isEmpty();

                rtsp.restart();
                LiveViewer again = await().atMost(Duration.ofSeconds(30)).until(feed::subscribe, Optional::isPresent).get();
                assertThat(again.poll().init()).isTrue();
                again.close();
            }
        }
    }

    static List<LiveChunk> drain(LiveViewer viewer, Duration time) throws InterruptedException {
        List<LiveChunk> out = new ArrayList<>();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            LiveChunk c = viewer.poll();
            if (c == null) {
                Thread.sleep(5);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private Path write(List<LiveChunk> chunks) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(c -> out.writeBytes(c.bytes()));
        Path p = Files.createTempFile(dir, "live", ".mp4");
        Files.write(p, out.toByteArray());
        return p;
    }

    /** ffprobe's view of the video stream: the given entries as key=value. */
    static Map<String, String> probe(Path file, String entries, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-select_streams", "v:0"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-show_entries", entries, "-of", "default=noprint_wrappers=1", file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, String> m = new java.util.TreeMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return m;
    }
}
