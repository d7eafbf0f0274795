package id.pantau.ingest.sim;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DecodeSkip;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GstRtspServerTest {

    @Test
    void listensOnLoopbackOnlyAndRestartsOnTheSamePort() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("a", SharedData.video(SharedData.LONDON),
                "b/c", SharedData.video(SharedData.HANOI)))) {
            int port = rtsp.port();
            assertThat(port).isPositive();
            assertThat(rtsp.url("b/c")).isEqualTo("rtsp://127.0.0.1:" + port + "/b/c");
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(s.isConnected()).isTrue();
            }
            rtsp.kill();
            assertThat(rtsp.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(java.net.ConnectException.class);
            rtsp.restart();
            assertThat(rtsp.port()).isEqualTo(port);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    /**
     * The 5 s street clip has one IDR frame; a wrap that spoils it would cost each client a whole loop (150 frames).
     * Two cameras read for 11 s (two wraps) at the full 30 fps, decoding every frame.
     */
    @Test
    void clientsKeepTheFullFrameRateAcrossLoopWraps() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("street", SharedData.video(SharedData.LONDON)))) {
            List<CameraSource> cams = List.of(
                    CameraSource.builder("a", rtsp.url("street")).analysisFps(1).skipNonReference(DecodeSkip.OFF)
                            .ringMaxBytes(0).build(),
                    CameraSource.builder("b", rtsp.url("street")).analysisFps(1).skipNonReference(DecodeSkip.OFF)
                            .ringMaxBytes(0).build());
            try (IngestManager ingest = Cameras.manager(cams, new SimpleMeterRegistry())) {
                ingest.start();
                List<CameraWorker> workers = List.of(ingest.camera(CameraId.of("a")), ingest.camera(CameraId.of("b")));
                await().atMost(Duration.ofSeconds(20)).until(() -> workers.stream()
                        .allMatch(w -> w.state() instanceof CameraState.Streaming));
                // analysis takes every frame offered, as a node that keeps up does: a queue that drops would make
                // the decoder shed work (CameraWorker.shedIfBehind), which is not what this test is about
                java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread analysis = Thread.ofPlatform().daemon().start(() -> {
                    while (reading.get()) {
                        boolean took = false;
                        for (CameraWorker w : workers) {
                            took |= w.queue().poll() != null;
                        }
                        if (!took) {
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                });
                long[] before = workers.stream().mapToLong(CameraWorker::framesDecoded).toArray();
                long t0 = System.nanoTime();
                Thread.sleep(11_000);
                reading.set(false);
                analysis.join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < workers.size(); i++) {
                    double fps = (workers.get(i).framesDecoded() - before[i]) / seconds;
                    System.out.printf("camera %s across two wraps: %.1f fps decoded%n", workers.get(i).id(), fps);
                    assertThat(fps).as("camera %s", workers.get(i).id()).isGreaterThan(27);
                    assertThat(workers.get(i).framesDecodedShedding()).as("never shed: analysis kept up").isZero();
                }
            }
        }
    }

    @Test
    void aMissingPythonNamesTheDebianPackages() {
        String old = System.getProperty("pantau.python");
        System.setProperty("pantau.python", "/nonexistent/python3");
        try {
            assertThatThrownBy(() -> GstRtspServer.start(Map.of("a", SharedData.video(SharedData.LONDON))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/python3")
                    .hasMessageContaining("python3-gi gir1.2-gst-rtsp-server-1.0");
        } finally {
            if (old == null) {
                System.clearProperty("pantau.python");
            } else {
                System.setProperty("pantau.python", old);
            }
        }
    }

    @Test
    void aMissingVideoIsRejectedBeforeStarting() {
        assertThatThrownBy(() -> GstRtspServer.start(Map.of("a", Path.of("/nonexistent.mp4"))))
                .hasMessage("video for mount 'a' not found: /nonexistent.mp4");
    }
}
