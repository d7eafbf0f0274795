package id.pantau.ingest.probe;

import id.pantau.ingest.SharedData;
import id.pantau.ingest.sim.GstRtspServer;
import id.pantau.ingest.source.SourceFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StreamProbeTest {

    @Test
    void reportsTheFactsOfAFileAndItsDecodeRate() throws Exception {
        ProbeReport r = StreamProbe.probe(SharedData.video(SharedData.HIGHWAY).toString(), 60,
                StreamProbe.Options.DEFAULT);
        assertThat(r.facts().codec()).isEqualTo("h264");
        assertThat(r.facts().width()).isEqualTo(960);
        assertThat(r.facts().height()).isEqualTo(540);
        assertThat(r.facts().fps()).isCloseTo(29.97, within(0.01));
        assertThat(r.facts().pixelFormat()).isEqualTo("yuv420p");
        assertThat(r.facts().duration()).hasValueSatisfying(d ->
                assertThat(d.toMillis()).isBetween(11_150L, 11_200L));
        assertThat(r.frames()).isEqualTo(60);
        // 60 frames of a 29.97 fps clip: timestamps 0 .. 59/29.97 s
        assertThat(r.lastTimestampMicros() - r.firstTimestampMicros()).isBetween(1_960_000L, 1_980_000L);
        assertThat(r.decodeFps()).isPositive();
        assertThat(r.toString()).contains("codec:        h264", "size:         960x540", "pixel format: yuv420p",
                "duration:     11.18 s", "decoded:      60 frames");
    }

    @Test
    void probesAnRtspStream() throws Exception {
        try (GstRtspServer rtsp = GstRtspServer.start(Map.of("cam", SharedData.video(SharedData.LONDON)))) {
            ProbeReport r = StreamProbe.probe(rtsp.url("cam"), 30, StreamProbe.Options.DEFAULT);
            assertThat(r.facts().format()).isEqualTo("rtsp");
            assertThat(r.facts().width()).isEqualTo(1280);
            assertThat(r.facts().height()).isEqualTo(720);
            assertThat(r.facts().duration()).isEmpty();
            assertThat(r.frames()).isEqualTo(30);
            assertThat(r.toString()).contains("duration:     unknown (live)");
        }
    }

    @Test
    void aBadInputIsAClearError() {
        assertThatThrownBy(() -> StreamProbe.probe("/nonexistent/cam.mp4", 10, StreamProbe.Options.DEFAULT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("file not found: /nonexistent/cam.mp4 (check the camera's file path)");
        assertThatThrownBy(() -> StreamProbe.probe("x.mp4", 0, new StreamProbe.Options(
                id.pantau.ingest.config.Transport.TCP, Duration.ofSeconds(1))))
                .hasMessageContaining("--frames must be >= 1");
    }
}
