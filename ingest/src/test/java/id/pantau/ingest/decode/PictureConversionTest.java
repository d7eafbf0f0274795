package id.pantau.ingest.decode;

import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.config.Transport;
import id.pantau.ingest.ring.JpegCodec;
import id.pantau.ingest.source.SourceOpener;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The camera reader's raw-picture path against the BGR path it replaced, on real footage: the BGR frames must be
 * the very bytes JavaCV's own conversion gives, and the evidence JPEGs straight from YUV must be as faithful as the
 * ImageIO JPEGs of the BGR frame at the same quality.
 */
class PictureConversionTest {
    private static final int FRAMES = 12;

    /** The first {@code FRAMES} frames of a clip as JavaCV's COLOR mode delivers them. */
    private static List<byte[]> bgrFrames(String video) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (SourceOpener.Opened o = SourceOpener.open(SharedData.video(video).toString(), SourceKind.FILE,
                Transport.TCP, Duration.ofSeconds(5))) {
            for (int i = 0; i < FRAMES; i++) {
                Frame f = o.grabber().grabImage();
                out.add(tight(f));
            }
        }
        return out;
    }

    private static byte[] tight(Frame f) {
        int row = f.imageWidth * 3;
        byte[] out = new byte[row * f.imageHeight];
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        for (int y = 0; y < f.imageHeight; y++) {
            src.position(y * f.imageStride);
            src.get(out, y * row, row);
        }
        return out;
    }

    interface PictureCheck {
        void check(int index, AVFrame picture, Frame frame) throws Exception;
    }

    private static void eachRawPicture(String video, PictureCheck check) throws Exception {
        try (SourceOpener.Opened o = SourceOpener.open(SharedData.video(video).toString(), SourceKind.FILE,
                Transport.TCP, Duration.ofSeconds(5), new SourceOpener.Decoding(true, false))) {
            for (int i = 0; i < FRAMES; i++) {
                Frame f = o.grabber().grabImage();
                check.check(i, (AVFrame) f.opaque, f);
            }
        }
    }

    @Test
    void bgrFromTheRawPictureIsWhatJavaCvsColourModeGave() throws Exception {
        for (String video : List.of(SharedData.LONDON, SharedData.HANOI)) {
            List<byte[]> expected = bgrFrames(video);
            try (BgrConverter converter = new BgrConverter()) {
                eachRawPicture(video, (i, picture, frame) -> {
                    assertThat(picture.width()).isEqualTo(frame.imageWidth);
                    byte[] bgr = converter.toBgr(picture);
                    assertThat(bgr).as("%s frame %d", video, i).isEqualTo(expected.get(i));
                    // the reader's form: straight into a (pooled) direct buffer
                    ByteBuffer direct = converter.toBgr(picture, ByteBuffer.allocateDirect(bgr.length));
                    byte[] fromDirect = new byte[direct.remaining()];
                    direct.get(fromDirect);
                    assertThat(fromDirect).as("%s frame %d, direct", video, i).isEqualTo(expected.get(i));
                });
            }
        }
    }

    @Test
    void evidenceJpegFromYuvIsAsFaithfulAsImageIoFromBgr() throws Exception {
        List<byte[]> reference = bgrFrames(SharedData.LONDON);
        double[] ours = new double[2];      // PSNR sum, bytes sum
        double[] imageIo = new double[2];
        long[] nanos = new long[2];
        try (JpegFromPicture encoder = new JpegFromPicture(85); JpegCodec codec = new JpegCodec(85)) {
            eachRawPicture(SharedData.LONDON, (i, picture, frame) -> {
                byte[] bgr = reference.get(i);
                long t0 = System.nanoTime();
                byte[] jpeg = encoder.encode(picture);
                long t1 = System.nanoTime();
                byte[] viaImageIo = codec.encode(bgr, frame.imageWidth, frame.imageHeight);
                long t2 = System.nanoTime();
                if (i > 1) { // the first two warm up both encoders
                    nanos[0] += t1 - t0;
                    nanos[1] += t2 - t1;
                }
                JpegCodec.Decoded decoded = JpegCodec.decode(jpeg);
                assertThat(decoded.width()).isEqualTo(frame.imageWidth);
                assertThat(decoded.height()).isEqualTo(frame.imageHeight);
                ours[0] += psnr(bgr, decoded.bgr());
                ours[1] += jpeg.length;
                imageIo[0] += psnr(bgr, JpegCodec.decode(viaImageIo).bgr());
                imageIo[1] += viaImageIo.length;
            });
        }
        double oursPsnr = ours[0] / FRAMES;
        double imageIoPsnr = imageIo[0] / FRAMES;
        System.out.printf("ring JPEG q85, 720p street: YUV->MJPEG %.2f dB %.0f KB %.1f ms; BGR->ImageIO %.2f dB %.0f KB"
                        + " %.1f ms%n", oursPsnr, ours[1] / FRAMES / 1024, nanos[0] / 1e6 / (FRAMES - 2), imageIoPsnr,
                imageIo[1] / FRAMES / 1024, nanos[1] / 1e6 / (FRAMES - 2));
        // A wrong colour range (video-range YUV written as JFIF) or swapped planes costs far more than 1 dB.
        assertThat(oursPsnr).isGreaterThan(imageIoPsnr - 1.0).isGreaterThan(34);
        assertThat(ours[1]).isLessThan(imageIo[1] * 1.5);
    }

    @Test
    void qualityFollowsLibjpegsScale() {
        assertThat(JpegFromPicture.qscale(50)).isEqualTo(8);
        assertThat(JpegFromPicture.qscale(85)).isEqualTo(2);
        assertThat(JpegFromPicture.qscale(100)).isEqualTo(1);
        assertThat(JpegFromPicture.qscale(10)).isEqualTo(31);
        assertThat(JpegFromPicture.qscale(75)).isLessThan(JpegFromPicture.qscale(60));
        assertThatThrownBy(() -> new JpegFromPicture(0)).hasMessageContaining("1..100");
    }

    static double psnr(byte[] a, byte[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            se += d * d;
        }
        double mse = se / a.length;
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
