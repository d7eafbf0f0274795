package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DecodeSkip;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.ring.RingFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** File cameras over the real shared clips. */
class FileCameraTest {

    @Test
    void fastModeDecodesEveryFrameSamplesToTheAnalysisRateAndFinishes() throws Exception {
        // Highway clip: 960x540, 29.97 fps, 335 frames, 11.18 s. At 5 fps analysis: one frame per 200 ms of
        // stream time = 56 frames (0.0, 0.2, ... 11.0 s).
        // Skipping of non-reference frames off: this test counts every frame of the file.
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(5).queueCapacity(1000).skipNonReference(DecodeSkip.OFF).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            List<VideoFrame> frames = Cameras.collect(w.queue(), Duration.ofMillis(100));

            assertThat(w.framesDecoded()).isEqualTo(335);
            assertThat(frames).hasSize(56);
            assertThat(frames).allSatisfy(f -> {
                assertThat(f.width()).isEqualTo(960);
                assertThat(f.height()).isEqualTo(540);
                assertThat(f.pixels().remaining()).isEqualTo(960 * 540 * 3);
                assertThat(f.camera().value()).isEqualTo("highway");
            });
            for (int i = 1; i < frames.size(); i++) {
                VideoFrame a = frames.get(i - 1);
                VideoFrame b = frames.get(i);
                assertThat(b.sequence()).isGreaterThan(a.sequence());
                assertThat(b.streamTimeMicros() - a.streamTimeMicros()).isBetween(180_000L, 220_000L);
                assertThat(Duration.between(a.captureTime(), b.captureTime()).toNanos() / 1000)
                        .isEqualTo(b.streamTimeMicros() - a.streamTimeMicros());
            }
            assertThat(reg.get("pantau.ingest.frames.decoded").tag("camera", "highway").counter().count())
                    .isEqualTo(335);
            assertThat(reg.get("pantau.ingest.frames.sampled").tag("camera", "highway").counter().count())
                    .isEqualTo(56);
            assertThat(reg.get("pantau.ingest.decode").tag("camera", "highway").timer().count()).isEqualTo(335);
            assertThat(reg.get("pantau.ingest.frame.width").tag("camera", "highway").gauge().value()).isEqualTo(960);
            assertThat(reg.get("pantau.ingest.source.fps").tag("camera", "highway").gauge().value())
                    .isCloseTo(29.97, org.assertj.core.data.Offset.offset(0.01));
            assertThat(reg.get("pantau.ingest.state").tag("camera", "highway").gauge().value()).isEqualTo(5);
        }
    }

    @Test
    void framesReleasedByTheirConsumerReuseTheirPixelBuffers() throws Exception {
        // Highway clip at 5 fps: 56 sampled frames. A consumer that releases each frame after use keeps the camera
        // at a handful of direct buffers; the pixels still arrive whole.
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(5).queueCapacity(4).build();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            java.util.concurrent.atomic.AtomicInteger consumed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.Set<Long> checksums = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread consumer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        VideoFrame f = w.queue().poll(Duration.ofMillis(100));
                        if (f == null) {
                            continue;
                        }
                        assertThat(f.bgr().isDirect()).isTrue();
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(f.pixels());
                        checksums.add(crc.getValue());
                        w.release(f);
                        consumed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            await().atMost(Duration.ofSeconds(5)).until(() -> w.queue().size() == 0);
            consumer.interrupt();
            consumer.join(5_000);
            long delivered = consumed.get();
            System.out.printf("highway: %d frames consumed, %d pixel buffers allocated, %d frames dropped%n",
                    delivered, w.frameBuffersAllocated(), w.queue().dropped());
            assertThat(delivered + w.queue().dropped()).isEqualTo(56);
            assertThat(delivered).isGreaterThan(20);
            assertThat(checksums).as("distinct pictures, not one buffer seen many times").hasSizeGreaterThan(20);
            // at most: a full queue (4), the frame being consumed, the frame being converted
            assertThat(w.frameBuffersAllocated()).isLessThanOrEqualTo(6);
        }
    }

    @Test
    void skippingNonReferenceFramesDecodesFewerFramesAndKeepsTheAnalysisRate() throws Exception {
        // The highway clip is High profile with B-frames (212 of 335). At 5 fps analysis the decoder is told to
        // skip the frames nothing refers to; the sampler still finds a frame for every 200 ms tick.
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(5).queueCapacity(1000).build();
        assertThat(cam.skipsNonReferenceFrames()).isTrue();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            List<VideoFrame> frames = Cameras.collect(w.queue(), Duration.ofMillis(100));
            System.out.printf("highway, skip_frame=nonref: %d of 335 frames decoded, %d sampled%n",
                    w.framesDecoded(), frames.size());

            assertThat(w.framesDecoded()).isLessThan(300).isGreaterThan(123); // at least every I and P frame
            assertThat(frames.size()).isBetween(55, 57);
            for (int i = 1; i < frames.size(); i++) {
                long gap = frames.get(i).streamTimeMicros() - frames.get(i - 1).streamTimeMicros();
                assertThat(gap).isBetween(100_000L, 300_000L);
            }
        }
    }

    @Test
    void aLoopingRealtimeFileActsLikeALiveCameraAndFillsTheRing() throws Exception {
        // London clip is 5.0 s; loop it and read 6.5 s of it in real time at 10 fps analysis.
        CameraSource cam = CameraSource.builder("london", SharedData.video(SharedData.LONDON).toString())
                .pacing(Pacing.REALTIME).loop(true).analysisFps(10).queueCapacity(1000)
                .ringWindow(Duration.ofSeconds(3)).ringFps(5).build();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("london"));
            await().atMost(Duration.ofSeconds(20)).until(() -> w.state() instanceof CameraState.Streaming);
            Instant start = Instant.now();
            List<VideoFrame> frames = Cameras.collect(w.queue(), Duration.ofMillis(6_500));
            Duration elapsed = Duration.between(start, Instant.now());

            assertThat(w.state()).isInstanceOf(CameraState.Streaming.class);
            // Stream time passed the end of the clip and kept increasing through the loop.
            VideoFrame last = frames.getLast();
            // the second pass is a replay of the same moments (its violations are not published again)
            assertThat(w.isReplay(frames.getFirst())).isFalse();
            assertThat(w.isReplay(last)).isTrue();
            assertThat(frames.stream().filter(f -> f.streamTimeMicros() < 4_900_000)).noneMatch(w::isReplay);
            assertThat(last.streamTimeMicros()).isGreaterThan(5_100_000);
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).streamTimeMicros()).isGreaterThan(frames.get(i - 1).streamTimeMicros());
                assertThat(frames.get(i).captureTime()).isAfter(frames.get(i - 1).captureTime());
            }
            // Real-time pacing: the stream advanced about as much as the wall clock (not 10x faster).
            double streamSeconds = (last.streamTimeMicros() - frames.getFirst().streamTimeMicros()) / 1e6;
            assertThat(streamSeconds).isBetween(elapsed.toMillis() / 1000.0 - 2.0, elapsed.toMillis() / 1000.0 + 0.5);
            // ...and the analysis rate is 10 per stream-second.
            assertThat(frames.size() / streamSeconds).isBetween(9.0, 11.5);
            // Captured times are wall-clock, close to now.
            assertThat(Duration.between(last.captureTime(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));

            // Ring: 3 s window at 5 fps = 15-16 JPEG frames, all within 3 s of the newest. (Fewer when the VM is so
            // overloaded that realtime replay falls behind and the capture clock re-anchors forward.)
            List<RingFrame> ring = w.ring().snapshot();
            assertThat(ring.size()).isBetween(10, 17);
            assertThat(Duration.between(ring.getFirst().captureTime(), ring.getLast().captureTime()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(3));
            // ring_fps 5 on a 200 ms grid of stream time; the decoder skips the clip's non-reference B-frames (10 fps
            // analysis is within the automatic limit), so a frame can land up to two source frames off its tick.
            for (int i = 1; i < ring.size(); i++) {
                assertThat(ring.get(i).streamTimeMicros() - ring.get(i - 1).streamTimeMicros())
                        .isBetween(120_000L, 280_000L);
            }
            double meanGap = (ring.getLast().streamTimeMicros() - ring.getFirst().streamTimeMicros())
                    / (double) (ring.size() - 1);
            assertThat(meanGap).isBetween(180_000.0, 220_000.0);
            Instant t1 = ring.getLast().captureTime();
            List<RingFrame> lastSecond = w.ring().window(t1.minusMillis(1_000), t1);
            assertThat(lastSecond.size()).isBetween(3, 6);
            assertThat(lastSecond).allSatisfy(f -> assertThat(f.captureTime()).isBetween(t1.minusMillis(1_000), t1));
            VideoFrame back = lastSecond.getFirst().toVideoFrame();
            assertThat(back.width()).isEqualTo(1280);
            assertThat(back.height()).isEqualTo(720);
        }
    }

    @Test
    void aConsumerThatFallsBehindLosesTheOldestFramesAndEveryDropIsCounted() throws Exception {
        // Nobody reads the queue: of the frames decoded (all sampled at 30 fps), only the newest 4 remain. Fewer
        // than the file's 335 are decoded: once the queue drops, the decoder sheds the non-reference frames.
        CameraSource cam = CameraSource.builder("nobody-reads", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(30).queueCapacity(4).ringMaxBytes(0).build();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        try (IngestManager ingest = Cameras.manager(List.of(cam), reg)) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("nobody-reads"));
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            List<VideoFrame> left = new java.util.ArrayList<>();
            w.queue().drainTo(left);
            long n = w.framesDecoded();
            assertThat(n).isBetween(150L, 334L);
            assertThat(left).extracting(VideoFrame::sequence).containsExactly(n - 4, n - 3, n - 2, n - 1);
            assertThat(w.queue().dropped()).isEqualTo(n - 4);
            assertThat(reg.get("pantau.ingest.frames.dropped").tag("camera", "nobody-reads").functionCounter()
                    .count()).isEqualTo(n - 4);
            assertThat(w.ring().size()).isZero();
        }
        // close() stopped the reader thread and removed the camera's meters
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("ingest-nobody-reads"));
        assertThat(reg.find("pantau.ingest.frames.decoded").tag("camera", "nobody-reads").counter()).isNull();
    }
}
