package id.pantau.ingest.worker;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.GreyPlane;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.Cameras;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.SharedData;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DecodeSkip;
import id.pantau.ingest.config.Pacing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The decoder's luma plane travels with each frame, and decode work is shed while the analysis queue drops. */
class DecodeSheddingTest {

    @Test
    void everyAnalysedFrameCarriesItsLumaScaledToTheMotionGatesWidth() throws Exception {
        // Highway clip 960x540: the grey copy is 320x180, and its brightness is the BGR picture's brightness.
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(5).queueCapacity(1000).decodeThreads(1).build();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            List<VideoFrame> frames = Cameras.collect(w.queue(), Duration.ofMillis(100));
            assertThat(frames).hasSize(56);
            for (VideoFrame f : frames.subList(0, 56).stream().filter(f -> f.sequence() % 3 == 0).toList()) {
                GreyPlane luma = f.luma();
                assertThat(luma).isNotNull();
                assertThat(luma.width()).isEqualTo(320);
                assertThat(luma.height()).isEqualTo(180);
                assertThat(luma.pixels().isDirect()).isTrue();
                assertThat(meanLuma(luma)).as("frame %d", f.sequence()).isCloseTo(meanGreyOfBgr(f),
                        org.assertj.core.data.Offset.offset(3.0));
            }
            assertThat(w.shedding()).as("a queue that never dropped sheds nothing").isFalse();
            assertThat(w.framesDecodedShedding()).isZero();
        }
    }

    @Test
    void aCameraWhoseAnalysisDropsFramesShedsDecodeWorkAndStillDeliversTheNewestFrames() throws Exception {
        // Nobody consumes: the one-frame queue drops from its second frame on, so the decoder sheds (skips the
        // clip's non-reference frames, no deblocking) even though the camera asks for every frame decoded.
        CameraSource cam = CameraSource.builder("highway", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.FAST).analysisFps(5).queueCapacity(1).skipNonReference(DecodeSkip.OFF).build();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("highway"));
            await().atMost(Duration.ofSeconds(30)).until(() -> w.state() instanceof CameraState.Finished);
            System.out.printf("shedding: %d frames decoded (335 in the file), %d while shedding, %d dropped%n",
                    w.framesDecoded(), w.framesDecodedShedding(), w.queue().dropped());
            assertThat(w.queue().dropped()).isGreaterThan(40);
            assertThat(w.framesDecodedShedding()).isGreaterThan(100);
            assertThat(w.framesDecoded()).as("non-reference frames skipped while shedding").isLessThan(335);
            VideoFrame last = w.queue().poll();
            assertThat(last).isNotNull();
            assertThat(last.streamTimeMicros()).as("the newest frame, near the clip's end").isGreaterThan(10_000_000);
        }
    }

    @Test
    void cameraReadersRunAtALowerOsPriorityThanAnalysis() throws Exception {
        // Linux: /proc/self/task/TID/stat, field 19 is the nice value; comm is the thread name (15 characters)
        CameraSource cam = CameraSource.builder("nice", SharedData.video(SharedData.HIGHWAY).toString())
                .pacing(Pacing.REALTIME).loop(true).analysisFps(5).build();
        try (IngestManager ingest = Cameras.manager(List.of(cam), new SimpleMeterRegistry())) {
            ingest.start();
            CameraWorker w = ingest.camera(CameraId.of("nice"));
            await().atMost(Duration.ofSeconds(20)).until(() -> w.state() instanceof CameraState.Streaming);
            java.util.Map<String, Integer> nice = new java.util.HashMap<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                for (java.nio.file.Path t : tasks.toList()) {
                    try {
                        String comm = java.nio.file.Files.readString(t.resolve("comm")).strip();
                        String stat = java.nio.file.Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        nice.put(comm, Integer.parseInt(f[16])); // field 19 counted from after "pid (comm)"
                    } catch (java.io.IOException gone) {
                        // a thread that ended meanwhile
                    }
                }
            }
            assertThat(nice).containsEntry("ingest-nice-1", ReaderPriority.NICE);
            assertThat(nice).as("the ring's JPEG encoder inherits it").containsEntry("ingest-nice-1-j", ReaderPriority.NICE);
            assertThat(nice).as("the JVM's main thread (comm 'java'), as analysis threads run").containsEntry("java", 0);
        }
    }

    private static double meanLuma(GreyPlane p) {
        ByteBuffer b = p.view();
        long sum = 0;
        int n = p.width() * p.height();
        for (int i = 0; i < n; i++) {
            sum += b.get(i) & 0xff;
        }
        return (double) sum / n;
    }

    /** BT.601 brightness of the BGR pixels, as cvtColor computes it, over every pixel. */
    private static double meanGreyOfBgr(VideoFrame f) {
        ByteBuffer b = f.pixels();
        double sum = 0;
        int n = f.width() * f.height();
        for (int i = 0; i < n; i++) {
            int o = 3 * i;
            sum += 0.114 * (b.get(o) & 0xff) + 0.587 * (b.get(o + 1) & 0xff) + 0.299 * (b.get(o + 2) & 0xff);
        }
        return sum / n;
    }
}
