package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.sim.GstRtspServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad input ends as a camera that is DOWN with a clear reason, while a good camera in the same
 * manager keeps streaming: bad input never crashes the process or slows other cameras.
 */
class BadInputTest {

    private static Path copyPrefix(Path video, int bytes, Path target) throws Exception {
        try (InputStream in = Files.newInputStream(video)) {
            Files.write(target, in.readNBytes(bytes));
        }
        return target;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // free now, and nothing listens there after the close
        }
    }

    @Test
    void eachBadSourceGetsAClearReasonAndTheGoodCameraKeepsItsRate(@TempDir Path dir) throws Exception {
        Path random = dir.resolve("random.mp4");
        byte[] noise = new byte[300_000];
        new Random(42).nextBytes(noise);
        Files.write(random, noise);
        // London has its index (moov) at the end: a prefix cannot even be opened.
        Path truncatedIndexAtEnd = copyPrefix(SharedData.video(SharedData.LONDON), 400_000, dir.resolve("cut1.mp4"));
        // Highway has its index first: a prefix opens, plays ~5.5 s of 11.2 s, then ends early.
        Path truncatedIndexFirst = copyPrefix(SharedData.video(SharedData.HIGHWAY), 1_000_000,
                dir.resolve("cut2.mp4"));
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        int refusedPort = closedPort();

        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("cam1", SharedData.video(SharedData.LONDON)))) {
            List<CameraSource> cams = List.of(
                    CameraSource.builder("good", SharedData.video(SharedData.PARKING).toString()).loop(true)
                            .pacing(Pacing.REALTIME).analysisFps(5).queueCapacity(500).build(),
                    bad("missing", dir.resolve("no-such-file.mp4").toString()),
                    bad("empty", empty.toString()),
                    bad("random", random.toString()),
                    bad("cut-index-at-end", truncatedIndexAtEnd.toString()),
                    bad("cut-index-first", truncatedIndexFirst.toString()),
                    bad("refused", "rtsp://127.0.0.1:" + refusedPort + "/cam1"),
                    bad("wrong-path", rtsp.url("no-such-mount")),
                    bad("http-refused", "http://127.0.0.1:" + refusedPort + "/video.mjpg"));

            try (IngestManager ingest = Cameras.manager(cams, new SimpleMeterRegistry())) {
                ingest.start();
                CameraWorker good = ingest.camera(CameraId.of("good"));
                await().atMost(Duration.ofSeconds(20)).until(() -> good.state() instanceof CameraState.Streaming);
                List<VideoFrame> goodFrames = Cameras.collect(good.queue(), Duration.ofSeconds(4));

                assertThat(reason(ingest, "missing")).isEqualTo("file not found: " + dir.resolve("no-such-file.mp4")
                        + " (check the camera's file path)");
                assertThat(reason(ingest, "empty")).isEqualTo("not a video: " + empty + " is empty (0 bytes)");
                assertThat(reason(ingest, "random")).startsWith("not a video: " + random);
                assertThat(reason(ingest, "cut-index-at-end")).startsWith("not a video: " + truncatedIndexAtEnd)
                        .contains("truncated or corrupt");
                assertThat(reason(ingest, "refused"))
                        .startsWith("connection refused by 127.0.0.1:" + refusedPort);
                assertThat(reason(ingest, "http-refused"))
                        .startsWith("connection refused by 127.0.0.1:" + refusedPort);
                assertThat(reason(ingest, "wrong-path")).isEqualTo("server 127.0.0.1:" + rtsp.port()
                        + " has no stream at /no-such-mount (404 Not Found: check the URL path)");
                // The index-first prefix streams in FAST mode and ends at ~6 s of 11.2 s.
                assertThat(reason(ingest, "cut-index-first")).matches(
                        "stream ended early at \\d+\\.\\d s of 11\\.2 s \\(truncated file\\?\\): .*cut2\\.mp4");

                // The good camera (12.5 fps parking clip at 5 fps analysis) kept its rate: ~4 s of stream in 4 s
                // of wall time, 5 frames per stream-second.
                double streamSeconds = (goodFrames.getLast().streamTimeMicros()
                        - goodFrames.getFirst().streamTimeMicros()) / 1e6;
                assertThat(streamSeconds).isGreaterThan(3.0);
                assertThat(goodFrames.size() / streamSeconds).isBetween(4.5, 5.6);
                assertThat(good.queue().dropped()).isZero();
                assertThat(good.state()).isInstanceOf(CameraState.Streaming.class);
                // Bad cameras keep being retried (the operator may fix the file or the server).
                assertThat(ingest.camera(CameraId.of("missing")).state()).isInstanceOfAny(CameraState.Down.class,
                        CameraState.Connecting.class);
            }
        }
    }

    private static CameraSource bad(String id, String input) {
        return CameraSource.builder(id, input).pacing(Pacing.FAST).stallTimeout(Duration.ofSeconds(3)).build();
    }

    /** Waits for the camera's first failure and returns its reason. */
    private static String reason(IngestManager ingest, String id) {
        CameraWorker w = ingest.camera(CameraId.of(id));
        await().atMost(Duration.ofSeconds(15)).until(() -> w.lastFailure().isPresent());
        return w.lastFailure().orElseThrow().reason();
    }
}
