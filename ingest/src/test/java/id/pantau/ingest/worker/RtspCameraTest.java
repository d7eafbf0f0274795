package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.sim.GstRtspServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cameras over real RTSP from GStreamer's server on 127.0.0.1, through outages. */
class RtspCameraTest {

    @Test
    void readsFramesOverTcpAndUdpWithTheRightSizeAndIncreasingTimestamps() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of(
                "london", SharedData.video(SharedData.LONDON),
                "hanoi", SharedData.video(SharedData.HANOI)))) {
            List<CameraSource> cams = List.of(
                    CameraSource.builder("tcp-london", rtsp.url("london")).transport(Transport.TCP)
                            .analysisFps(10).queueCapacity(100).build(),
                    CameraSource.builder("udp-hanoi", rtsp.url("hanoi")).transport(Transport.UDP)
                            .analysisFps(30).queueCapacity(100).build());
            SimpleMeterRegistry reg = new SimpleMeterRegistry();
            try (IngestManager ingest = Cameras.manager(cams, reg)) {
                ingest.start();
                List<VideoFrame> london = Cameras.take(ingest.camera(CameraId.of("tcp-london")).queue(), 20,
                        Duration.ofSeconds(15));
                // a frame cannot have been captured after it arrived (FFmpeg's probe delivers the first second of
                // a connection in a burst; a capture clock anchored on its first frame ran ahead)
                assertThat(london.getLast().captureTime()).isBeforeOrEqualTo(Instant.now());
                List<VideoFrame> hanoi = Cameras.take(ingest.camera(CameraId.of("udp-hanoi")).queue(), 10,
                        Duration.ofSeconds(15));

                assertThat(london).hasSize(20).allSatisfy(f -> {
                    assertThat(f.width()).isEqualTo(1280);
                    assertThat(f.height()).isEqualTo(720);
                });
                assertThat(hanoi).hasSize(10).allSatisfy(f -> {
                    assertThat(f.width()).isEqualTo(640);
                    assertThat(f.height()).isEqualTo(480);
                });
                assertIncreasing(london);
                assertIncreasing(hanoi);
                // 10 fps analysis of a 30 fps stream: ~100 ms of stream time between frames.
                long span = london.getLast().streamTimeMicros() - london.getFirst().streamTimeMicros();
                assertThat(span / 19.0).isBetween(90_000.0, 110_000.0);
                assertThat(ingest.camera(CameraId.of("tcp-london")).facts().codec()).isEqualTo("h264");
                assertThat(reg.get("pantau.ingest.state").tag("camera", "udp-hanoi").gauge().value()).isEqualTo(2);
                assertThat(reg.get("pantau.ingest.frame.age").tag("camera", "tcp-london").gauge().value())
                        .isBetween(0.0, 2.0);
            }
        }
    }

    private static void assertIncreasing(List<VideoFrame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).sequence()).isGreaterThan(frames.get(i - 1).sequence());
            assertThat(frames.get(i).streamTimeMicros()).isGreaterThan(frames.get(i - 1).streamTimeMicros());
            assertThat(frames.get(i).captureTime()).isAfter(frames.get(i - 1).captureTime());
        }
    }

    @Test
    void survivesAServerKillAndAHangWhileAnotherCameraKeepsItsRate() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("cam", SharedData.video(SharedData.HIGHWAY)))) {
            List<CameraSource> cams = List.of(
                    CameraSource.builder("street", rtsp.url("cam")).analysisFps(5).queueCapacity(200)
                            .stallTimeout(Duration.ofSeconds(2)).build(),
                    CameraSource.builder("parking", SharedData.video(SharedData.PARKING).toString())
                            .pacing(Pacing.REALTIME).loop(true).analysisFps(5).queueCapacity(500).build());
            SimpleMeterRegistry reg = new SimpleMeterRegistry();
            try (IngestManager ingest = Cameras.manager(cams, reg)) {
                ingest.start();
                CameraWorker street = ingest.camera(CameraId.of("street"));
                CameraWorker parking = ingest.camera(CameraId.of("parking"));
                await().atMost(Duration.ofSeconds(20)).until(() -> street.state() instanceof CameraState.Streaming
                        && parking.state() instanceof CameraState.Streaming);
                StateRecorder states = new StateRecorder(street);
                Cameras.collect(street.queue(), Duration.ofSeconds(1));
                parking.queue().drainTo(new ArrayList<>());

                // 1. Crash: SIGKILL, back after 2 s on the same port.
                Instant killedAt = Instant.now();
                rtsp.kill();
                await().atMost(Duration.ofSeconds(5)).until(() -> street.state() instanceof CameraState.Down);
                assertThat(((CameraState.Down) street.state()).reason()).satisfiesAnyOf(
                        r -> assertThat(r).startsWith("stream ended"),
                        r -> assertThat(r).startsWith("connection refused by 127.0.0.1:" + rtsp.port()));
                Thread.sleep(2_000);
                rtsp.restart();
                Instant restartedAt = Instant.now();
                street.queue().drainTo(new ArrayList<>());
                VideoFrame next = street.queue().poll(Duration.ofSeconds(8));
                assertThat(next).as("a frame within 8 s of the restart").isNotNull();
                assertThat(Duration.between(restartedAt, Instant.now())).isLessThan(Duration.ofSeconds(8));
                assertThat(street.state()).isInstanceOf(CameraState.Streaming.class);

                // 2. Hang: SIGSTOP the server; the socket stays open but nothing arrives.
                Cameras.collect(street.queue(), Duration.ofSeconds(1));
                signal(rtsp, "STOP");
                await().atMost(Duration.ofSeconds(8)).until(() -> street.state() instanceof CameraState.Stalled
                        || street.state() instanceof CameraState.Down);
                await().atMost(Duration.ofSeconds(8)).until(() -> street.state() instanceof CameraState.Down);
                signal(rtsp, "CONT");
                await().atMost(Duration.ofSeconds(10)).until(() -> street.state() instanceof CameraState.Streaming);
                Duration outage = Duration.between(killedAt, Instant.now());

                // The file camera was never disturbed: 12.5 fps source at 5 fps analysis = 5 frames per second.
                List<VideoFrame> parkingFrames = new ArrayList<>();
                parking.queue().drainTo(parkingFrames);
                double seconds = (parkingFrames.getLast().streamTimeMicros()
                        - parkingFrames.getFirst().streamTimeMicros()) / 1e6;
                assertThat(seconds).isGreaterThan(outage.toMillis() / 1000.0 - 2.5);
                assertThat(parkingFrames.size() / seconds).isBetween(4.5, 5.6);
                assertThat(parking.queue().dropped()).isZero();

                assertThat(states.seen()).contains("DOWN", "CONNECTING", "STREAMING");
                assertThat(street.lastFailure()).isPresent();
                assertThat(reg.get("pantau.ingest.reconnects").tag("camera", "street").counter().count())
                        .isGreaterThanOrEqualTo(2);
                states.stop();
            }
        }
    }

    private static void signal(GstRtspServer server, String signal) throws Exception {
        long pid = server.pid();
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    /** Samples a camera's state names every 20 ms, to see the transitions an operator would see. */
    private static final class StateRecorder {
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread thread;

        StateRecorder(CameraWorker w) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    String name = w.state().name();
                    if (seen.isEmpty() || !seen.getLast().equals(name)) {
                        seen.add(name);
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        List<String> seen() {
            return seen;
        }

        void stop() {
            thread.interrupt();
        }
    }
}
