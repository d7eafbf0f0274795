package id.pantau.ingest.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonsTest {

    @Test
    void passwordsNeverAppearInReasons() {
        assertThat(FailureReasons.redact("rtsp://admin:s3cret@127.0.0.1:554/Streaming/101"))
                .isEqualTo("rtsp://admin:***@127.0.0.1:554/Streaming/101");
        Exception e = new Exception("avformat_open_input() error -1094995529: Could not open input");
        assertThat(FailureReasons.openFailed("rtsp://admin:s3cret@127.0.0.1/x", e)).doesNotContain("s3cret");
    }

    @Test
    void defaultPortsAreNamed() {
        assertThat(FailureReasons.hostPort("rtsp://127.0.0.1/cam")).isEqualTo("127.0.0.1:554");
        assertThat(FailureReasons.hostPort("http://127.0.0.1/v.mjpg")).isEqualTo("127.0.0.1:80");
        assertThat(FailureReasons.hostPort("rtsp://u:p@127.0.0.1:8554/cam")).isEqualTo("127.0.0.1:8554");
    }

    @Test
    void ffmpegCodesBecomeSentences() {
        Exception refused = new Exception("avformat_open_input() error -111: Could not open input \"x\". "
                + "(Has setFormat() been called?)");
        assertThat(FailureReasons.openFailed("rtsp://127.0.0.1:9/cam", refused))
                .isEqualTo("connection refused by 127.0.0.1:9 (is the camera/server running and the port right?)");
        Exception timedOut = new Exception("avformat_open_input() error -110: Could not open input");
        assertThat(FailureReasons.openFailed("rtsp://127.0.0.1:9/cam", timedOut))
                .startsWith("connection to 127.0.0.1:9 timed out");
        // FFmpeg's own text for the code, without JavaCV's advice about setFormat()
        Exception io = new Exception("av_read_frame() error -5: Could not read frame (Has setFormat() been called?)");
        assertThat(FailureReasons.readFailed(io)).isEqualTo("read error: Input/output error (FFmpeg error -5)");
    }
}
