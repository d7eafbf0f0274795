package id.pantau.ingest.ring;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.SharedData;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence ring with real 720p frames from the shared London clip, JPEG-encoded as the worker does. */
class FrameRingTest {
    private static final CameraId CAM = CameraId.of("ring-test");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<byte[]> BGR = new ArrayList<>();
    private static int width;
    private static int height;

    @BeforeAll
    static void decodeRealFrames() throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(SharedData.video(SharedData.LONDON).toString())) {
            g.start();
            for (int i = 0; i < 30; i++) {
                Frame f = g.grabImage();
                width = f.imageWidth;
                height = f.imageHeight;
                ByteBuffer b = (ByteBuffer) f.image[0];
                byte[] out = new byte[width * height * 3];
                b.duplicate().position(0).get(out); // stride == width*3 for 1280 px
                BGR.add(out);
            }
        }
    }

    private static List<RingFrame> encodeAll(JpegCodec codec, int count, Duration step) {
        List<RingFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bgr = BGR.get(i % BGR.size());
            frames.add(new RingFrame(CAM, i, T0.plus(step.multipliedBy(i)), i * step.toNanos() / 1000, width,
                    height, codec.encode(bgr, width, height)));
        }
        return frames;
    }

    @Test
    void keepsOnlyTheConfiguredWindowAndReturnsATimeRange() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(2), 64L << 20);
        try (JpegCodec codec = new JpegCodec(85)) {
            encodeAll(codec, 30, Duration.ofMillis(200)).forEach(ring::add); // 6 s of frames at 5 fps
        }
        List<RingFrame> all = ring.snapshot();
        // newest is at 5.8 s; the 2 s window keeps 3.8 s .. 5.8 s = 11 frames
        assertThat(all).hasSize(11);
        assertThat(all.getFirst().sequence()).isEqualTo(19);
        assertThat(all.getLast().sequence()).isEqualTo(29);

        List<RingFrame> window = ring.window(T0.plusMillis(4_000), T0.plusMillis(5_000));
        assertThat(window).extracting(RingFrame::sequence).containsExactly(20L, 21L, 22L, 23L, 24L, 25L);
        assertThat(ring.window(T0, T0.plusMillis(3_000))).isEmpty();
    }

    @Test
    void theEvidenceStageCanWidenTheWindowButNeverNarrowIt() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(2), 64L << 20);
        assertThat(ring.ensureWindow(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ring.ensureWindow(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(ring.window()).isEqualTo(Duration.ofSeconds(5));
        try (JpegCodec codec = new JpegCodec(85)) {
            encodeAll(codec, 30, Duration.ofMillis(200)).forEach(ring::add); // 6 s of frames at 5 fps
        }
        // newest at 5.8 s: the widened 5 s window keeps 0.8 s .. 5.8 s, the crossing at 1 s included
        assertThat(ring.snapshot()).hasSize(26);
        assertThat(ring.window(T0.plusMillis(1_000), T0.plusMillis(1_000))).hasSize(1);
    }

    @Test
    void neverHoldsMoreBytesThanItsBound() {
        long bound = 1L << 20; // 1 MiB: a handful of 720p JPEGs
        FrameRing ring = new FrameRing(Duration.ofSeconds(60), bound);
        long maxSeen = 0;
        try (JpegCodec codec = new JpegCodec(85)) {
            for (RingFrame f : encodeAll(codec, 30, Duration.ofMillis(100))) {
                ring.add(f);
                maxSeen = Math.max(maxSeen, ring.bytes());
            }
        }
        long held = ring.snapshot().stream().mapToLong(f -> f.jpeg().length).sum();
        assertThat(held).isEqualTo(ring.bytes()).isLessThanOrEqualTo(bound);
        assertThat(maxSeen).isLessThanOrEqualTo(bound);
        assertThat(ring.evicted()).isPositive();
        assertThat(ring.size() + ring.evicted()).isEqualTo(30);
        // the survivors are the newest frames, in order
        assertThat(ring.snapshot().getLast().sequence()).isEqualTo(29);
    }

    @Test
    void framesComeBackAsVideoFramesCloseToTheOriginalPixels() {
        FrameRing ring = new FrameRing(Duration.ofSeconds(10), 64L << 20);
        try (JpegCodec codec = new JpegCodec(85)) {
            encodeAll(codec, 5, Duration.ofMillis(200)).forEach(ring::add);
        }
        List<VideoFrame> frames = ring.window(T0, T0.plusSeconds(1)).stream().map(RingFrame::toVideoFrame).toList();
        assertThat(frames).hasSize(5);
        VideoFrame f = frames.get(2);
        assertThat(f.width()).isEqualTo(1280);
        assertThat(f.height()).isEqualTo(720);
        assertThat(f.captureTime()).isEqualTo(T0.plusMillis(400));
        byte[] decoded = f.toByteArray();
        byte[] original = BGR.get(2);
        double sum = 0;
        for (int i = 0; i < original.length; i++) {
            sum += Math.abs((decoded[i] & 0xff) - (original[i] & 0xff));
        }
        double meanAbsError = sum / original.length;
        // JPEG q85 of a street scene: a few grey levels off on average; a channel swap (RGB/BGR) would give ~20+
        assertThat(meanAbsError).isLessThan(6.0);
    }
}
