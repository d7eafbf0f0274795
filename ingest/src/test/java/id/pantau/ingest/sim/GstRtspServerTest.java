package id.pantau.ingest.sim;

import id.pantau.ingest.SharedData;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
