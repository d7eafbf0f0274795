package id.pantau.ingest.ring;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.decode.BgrConverter;
import id.pantau.ingest.source.SourceOpener;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ring encoder holds references to the decoder's pictures while the reader decodes on: each JPEG must show its
 * own frame, not whatever the decoder later wrote into a reused buffer, and the ring keeps them in order.
 */
class RingEncoderTest {
    @Test
    void everyRingJpegShowsItsOwnFrameInOrderWhileTheDecoderMovesOn() throws Exception {
        CameraId cam = CameraId.of("street");
        FrameRing ring = new FrameRing(Duration.ofSeconds(60), 64L << 20);
        List<byte[]> expected = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        try (SourceOpener.Opened o = SourceOpener.open(SharedData.video(SharedData.LONDON).toString(),
                SourceKind.FILE, Transport.TCP, Duration.ofSeconds(5), new SourceOpener.Decoding(true, false));
             BgrConverter bgr = new BgrConverter()) {
            RingEncoder encoder = new RingEncoder(cam, ring, 85, "test-ring-jpeg");
            for (int i = 0; i < 40; i++) {
                Frame f = o.grabber().grabImage();
                AVFrame picture = (AVFrame) f.opaque;
                if (i % 6 == 0) {   // 5 of 30 frames a second, as the ring samples them
                    expected.add(bgr.toBgr(picture));
                    assertThat(encoder.submit(picture, i, t0.plusMillis(33L * i), 33_333L * i)).isTrue();
                }
            }
            encoder.flush(30_000);
            encoder.close();
            assertThatThrownBy(() -> encoder.submit(null, 0, t0, 0)).isInstanceOf(IllegalStateException.class);
        }
        List<RingFrame> frames = ring.snapshot();
        assertThat(frames).hasSize(expected.size());
        for (int k = 0; k < frames.size(); k++) {
            RingFrame rf = frames.get(k);
            assertThat(rf.sequence()).isEqualTo(6L * k);
            assertThat(rf.camera()).isEqualTo(cam);
            byte[] decoded = JpegCodec.decode(rf.jpeg()).bgr();
            double own = psnr(expected.get(k), decoded);
            // the neighbouring sampled frame differs visibly (the camera moves), so a mixed-up buffer shows
            double neighbour = psnr(expected.get(k == 0 ? 1 : k - 1), decoded);
            assertThat(own).as("ring frame %d", k).isGreaterThan(35).isGreaterThan(neighbour + 3);
        }
    }

    private static double psnr(byte[] a, byte[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            se += d * d;
        }
        return 10 * Math.log10(255.0 * 255.0 * a.length / se);
    }
}
