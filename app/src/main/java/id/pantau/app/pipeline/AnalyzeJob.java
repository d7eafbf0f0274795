package id.pantau.app.pipeline;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.analytics.EventPublisher;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import id.pantau.detect.inference.Detector;
import id.pantau.core.bus.EventBus;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The logic of {@code ./pantau analyze}: one source through detection, tracking and the camera's analytics as fast
 * as it decodes, every event to {@code DIR/events.jsonl} (and to the bus, when one is given).
 */
public final class AnalyzeJob {
    private final Detector detector;
    private final MeterRegistry registry;
    private final Optional<EventBus> bus;

    public AnalyzeJob(Detector detector, MeterRegistry registry, Optional<EventBus> bus) {
        this.detector = detector;
        this.registry = registry;
        this.bus = bus;
    }

    /** What a run produced: events per type and frames analysed. */
    public record Summary(Path eventsFile, long framesAnalysed, Map<String, Integer> eventsByType, int configVersion) {
        @Override
        public String toString() {
            return "analysed " + framesAnalysed + " frames with camera config version " + configVersion + "; events "
                    + eventsByType + " -> " + eventsFile;
        }
    }

    /**
     * @param input       a video file or a camera URL
     * @param analysisFps frames kept per second of stream time: the camera list's {@code analysis_fps}, the same
     *                    declaration and default a node uses. A file keeps every {@code round(file fps /
     *                    analysisFps)}-th frame (a 30 fps file at 5: every 6th; at 24 fps: every 5th, 4.8 a second);
     *                    a live URL is sampled by the ingest as on a node.
     * @param maxFrames   for a live URL, stop after this many analysed frames
     */
    public Summary run(String input, Path cameraConfig, double analysisFps, Path outDir, long maxFrames)
            throws Exception {
        CameraConfig config = new CameraConfigLoader().load(cameraConfig);
        Files.createDirectories(outDir);
        Path out = outDir.resolve("events.jsonl");
        EventCodec codec = new EventCodec();
        Map<String, Integer> byType = new TreeMap<>();
        Optional<EventPublisher> publisher = bus.map(b -> new EventPublisher(b, registry));
        long frames = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             PerceptionStage perception = new PerceptionStage(detector, MotionSettings.defaults(),
                     TrackerSettings.defaults(), registry)) {
            AnalyticsEngine engine = new AnalyticsEngine(config, registry);
            Consumer<VideoFrame> analyse = frame -> {
                List<PipelineEvent> events = engine.analyse(perception.process(frame), frame).events();
                for (PipelineEvent e : events) {
                    try {
                        w.write(codec.toJson(e));
                        w.newLine();
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException("cannot write " + out, ex);
                    }
                    byType.merge(e.type(), 1, Integer::sum);
                }
                // the bus must accept every event before the run counts as done (at-least-once)
                publisher.ifPresent(p -> p.publish(events).toCompletableFuture().join());
            };
            CameraId camera = CameraId.of(config.camera());
            if (Files.isRegularFile(Path.of(input))) {
                frames = analyseFile(Path.of(input), camera, analysisFps, analyse);
            } else {
                frames = analyseLive(input, camera, analysisFps, maxFrames, analyse);
            }
        }
        return new Summary(out, frames, byType, config.versionOrZero());
    }

    private static long analyseFile(Path file, CameraId camera, double analysisFps, Consumer<VideoFrame> analyse) {
        long n = 0;
        try (VideoFileReader reader = new VideoFileReader(file, camera, Instant.now())) {
            int step = Math.max(1, (int) Math.round(reader.frameRate() / analysisFps));
            for (VideoFrame f; (f = reader.next()) != null; ) {
                analyse.accept(f);
                n++;
                if (step > 1 && !reader.skip(step - 1)) {
                    break;
                }
            }
        }
        return n;
    }

    private long analyseLive(String url, CameraId camera, double analysisFps, long maxFrames,
                             Consumer<VideoFrame> analyse) throws InterruptedException {
        CameraSource source = CameraSource.builder(camera.value(), url).analysisFps(analysisFps)
                .pacing(Pacing.REALTIME).build();
        long n = 0;
        try (IngestManager ingest = new IngestManager(List.of(source), registry)) {
            ingest.start();
            CameraWorker worker = ingest.camera(camera);
            Instant lastFrame = Instant.now();
            while (n < maxFrames) {
                VideoFrame f = worker.queue().poll(Duration.ofMillis(500));
                if (f != null) {
                    try {
                        analyse.accept(f);
                    } finally {
                        worker.release(f); // its pixels carry the next frame
                    }
                    n++;
                    lastFrame = Instant.now();
                } else if (worker.state() instanceof CameraState.Down down
                        && Duration.between(lastFrame, Instant.now()).toSeconds() > 30) {
                    throw new IllegalStateException("camera " + url + " is down: " + down);
                }
            }
        }
        return n;
    }
}
