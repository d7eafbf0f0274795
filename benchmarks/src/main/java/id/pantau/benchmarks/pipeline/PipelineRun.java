package id.pantau.benchmarks.pipeline;

import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.FairFrameScheduler;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DecodeSkip;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.sim.GstRtspServer;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One whole-pipeline run with N simulated cameras: the real ingest workers read the footage in real time (as
 * looping files, or from the GStreamer RTSP server), each camera's analysis thread takes its sampled frames through
 * perception (motion gate, shared detector, tracker) and analytics, in the fair turns the node's pipelines take
 * ({@link FairFrameScheduler}, one thread per core), and encodes the events as JSON, as the
 * publisher would. After a warm-up, it measures over a fixed window: analysed frames per second, frame-to-event
 * latency (capture time of the frame to the moment its events are encoded), dropped frames, CPU and peak memory.
 */
public final class PipelineRun {
    private static final Logger log = LoggerFactory.getLogger(PipelineRun.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Analysed rate counted as held when within this share of the target (sampling jitter at window edges). */
    static final double RATE_SLACK = 0.95;

    /**
     * @param clip        the footage every camera plays
     * @param cameras     N
     * @param warmup      after every camera streams, time before measuring (JIT, background models, tracks)
     * @param window      the measured span
     * @param analysisFps frames per second each camera hands to analysis
     * @param rtsp        serve the footage over the real RTSP server instead of reading the file
     * @param motion      the motion gate's settings ({@link #detectEveryFrame()} to switch its skipping off)
     * @param evidenceRing keep the evidence ring (JPEG copies) as ingest does by default
     * @param decodeSkip  the cameras' skipping of non-reference frames
     * @param decodeThreads each camera's decoder threads (0 = FFmpeg's automatic count)
     * @param analysisThreads threads the fair scheduler analyses all cameras' frames on (as the node: the cores)
     */
    public record Config(Path clip, int cameras, Duration warmup, Duration window, double analysisFps, boolean rtsp,
                         MotionSettings motion, boolean evidenceRing, DecodeSkip decodeSkip, int decodeThreads,
                         int analysisThreads) {
        public Config(Path clip, int cameras, Duration warmup, Duration window, double analysisFps, boolean rtsp) {
            this(clip, cameras, warmup, window, analysisFps, rtsp, MotionSettings.defaults(), true, DecodeSkip.AUTO,
                    CameraSource.DEFAULT_DECODE_THREADS, Runtime.getRuntime().availableProcessors());
        }
    }

    /** A frame older than this is skipped when a newer one of its camera waits (as the node's pipelines do). */
    static final Duration MAX_LAG = Duration.ofMillis(500);

    /** A simulated camera as the bench configures it: the defaults of a real one, its footage looping. */
    static CameraSource camera(String id, String input, double analysisFps, Pacing pacing, boolean loop,
                               boolean evidenceRing, DecodeSkip decodeSkip) {
        return camera(id, input, analysisFps, pacing, loop, evidenceRing, decodeSkip,
                CameraSource.DEFAULT_DECODE_THREADS);
    }

    static CameraSource camera(String id, String input, double analysisFps, Pacing pacing, boolean loop,
                               boolean evidenceRing, DecodeSkip decodeSkip, int decodeThreads) {
        CameraSource.Builder b = CameraSource.builder(id, input).analysisFps(analysisFps).pacing(pacing).loop(loop)
                .skipNonReference(decodeSkip).decodeThreads(decodeThreads);
        if (!evidenceRing) {
            b.ringMaxBytes(0);
        }
        return b.build();
    }

    /** Motion settings under which the gate never skips the detector. */
    public static MotionSettings detectEveryFrame() {
        return MotionSettings.defaults().withForceEvery(1);
    }

    /**
     * The sweep point plus what the report shows per stage; {@code minCameraShare} is the least-served camera's
     * analysed frames over the mean camera's (1 = perfectly even).
     */
    public record Result(BenchReport.SweepPoint point, double decodedFps, long queueDrops, long busyDrops,
                         long events, double minCameraShare, long heldMemoryBytes) {
    }

    /**
     * Memory the run holds at the end of its window, with every camera still streaming: the resident set less the
     * heap the JVM has committed but not filled after a full collection. Peak RSS alone also counts how far the
     * heap happened to grow between collections, which depends on the run's length and order, not on the cameras.
     */
    static long heldMemoryBytes() {
        System.gc();
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return ResourceSampler.residentBytesNow() - (heap.getCommitted() - heap.getUsed());
    }

    private PipelineRun() {
    }

    public static Result run(Config cfg, Detector detector, FrameAnalytics.Factory analytics)
            throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (int i = 1; i <= cfg.cameras(); i++) {
            mounts.put("cam" + i, cfg.clip());
        }
        GstRtspServer server = cfg.rtsp() ? GstRtspServer.start(mounts) : null;
        List<CameraSource> sources = new ArrayList<>();
        for (String cam : mounts.keySet()) {
            String input = server != null ? server.url(cam) : cfg.clip().toAbsolutePath().toString();
            sources.add(camera(cam, input, cfg.analysisFps(), Pacing.REALTIME, true, cfg.evidenceRing(),
                    cfg.decodeSkip(), cfg.decodeThreads()));
        }
        RunCounters counters = new RunCounters();
        try (IngestManager ingest = new IngestManager(sources, registry);
             PerceptionStage perception = new PerceptionStage(detector, cfg.motion(),
                     TrackerSettings.defaults(), registry)) {
            // as the node's CameraPipelines: a few threads take the cameras' frames in fair turns
            id.pantau.detect.stage.NativeThreads.oneOpenCvThreadPerCaller();
            FairFrameScheduler scheduler = new FairFrameScheduler(cfg.analysisThreads(), MAX_LAG, "bench-analysis");
            try {
                for (CameraWorker camera : ingest.cameras()) {
                    counters.perCamera.put(camera.id().value(), new LongAdder());
                    scheduler.add(new BenchLane(camera, perception, analytics, cfg.analysisFps(), counters));
                    camera.queue().onOffer(scheduler::signal);
                }
                scheduler.start();
                ingest.start();
                awaitStreaming(ingest);
                Thread.sleep(cfg.warmup());
                return measure(cfg, ingest, counters, registry);
            } finally {
                // the analysis threads stop before perception and the cameras close under them
                counters.running.set(false);
                scheduler.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** What the analysis threads count; the measured window is the time {@code measuring} is set. */
    private static final class RunCounters {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean measuring = new AtomicBoolean(false);
        final LatencyRecorder latency = new LatencyRecorder();
        final LongAdder analysed = new LongAdder();
        final LongAdder busy = new LongAdder();
        final LongAdder events = new LongAdder();
        final LongAdder stale = new LongAdder();
        final Map<String, LongAdder> perCamera = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private static Result measure(Config cfg, IngestManager feeds, RunCounters c, MeterRegistry registry)
            throws InterruptedException {
        long decoded0 = decoded(feeds);
        double skipped0 = perceptionFrames(registry, "skipped_no_motion");
        double detected0 = perceptionFrames(registry, "detected");
        long drops0 = queueDrops(feeds);
        long analysed0 = c.analysed.sum();
        long busy0 = c.busy.sum() + c.stale.sum();
        Map<String, Long> perCamera0 = new LinkedHashMap<>();
        c.perCamera.forEach((k, v) -> perCamera0.put(k, v.sum()));
        long events0 = c.events.sum();
        try (ResourceSampler resources = new ResourceSampler()) {
            c.measuring.set(true);
            Thread.sleep(cfg.window());
            c.measuring.set(false);
            double seconds = resources.wallSeconds();
            double cpu = resources.cpuSeconds();
            long queueDrops = queueDrops(feeds) - drops0;
            long busyDrops = c.busy.sum() + c.stale.sum() - busy0;
            double[] perCam = c.perCamera.entrySet().stream()
                    .mapToDouble(e -> e.getValue().sum() - perCamera0.get(e.getKey())).toArray();
            double mean = java.util.Arrays.stream(perCam).average().orElse(0);
            double minShare = mean == 0 ? 0 : java.util.Arrays.stream(perCam).min().orElse(0) / mean;
            double analysedFps = (c.analysed.sum() - analysed0) / seconds;
            double decodedFps = (decoded(feeds) - decoded0) / seconds;
            double target = cfg.cameras() * cfg.analysisFps();
            long dropped = queueDrops + busyDrops;
            boolean held = dropped == 0 && analysedFps >= RATE_SLACK * target;
            double skipped = perceptionFrames(registry, "skipped_no_motion") - skipped0;
            double detected = perceptionFrames(registry, "detected") - detected0;
            double skippedRatio = skipped + detected == 0 ? 0 : skipped / (skipped + detected);
            BenchReport.SweepPoint point = new BenchReport.SweepPoint(cfg.cameras(), analysedFps, target,
                    c.latency.summary(), dropped, cpu / (cfg.cameras() * seconds), resources.peakMemoryBytes(), held, skippedRatio);
            log.info("{} camera(s): {} analysed frames/s of {} target, {} dropped, latency p50 {} ms p95 {} ms,"
                            + " {} CPU s per camera-second", cfg.cameras(), String.format("%.1f", analysedFps), target,
                    dropped, String.format("%.0f", point.latencyMs().p50()),
                    String.format("%.0f", point.latencyMs().p95()),
                    String.format("%.3f", point.cpuSecondsPerCameraSecond()));
            long memory = heldMemoryBytes();
            return new Result(point, decodedFps, queueDrops, busyDrops, c.events.sum() - events0, minShare, memory);
        }
    }

    /** One camera's analysis as the scheduler runs it: perception, analytics, JSON encoding, latency. */
    private static final class BenchLane implements FairFrameScheduler.Lane {
        final CameraWorker camera;
        final PerceptionStage perception;
        final FrameAnalytics.Factory factory;
        final double analysisFps;
        final RunCounters c;
        final EventCodec codec = new EventCodec();
        FrameAnalytics analytics;

        BenchLane(CameraWorker camera, PerceptionStage perception, FrameAnalytics.Factory factory,
                  double analysisFps, RunCounters c) {
            this.camera = camera;
            this.perception = perception;
            this.factory = factory;
            this.analysisFps = analysisFps;
            this.c = c;
        }

        @Override
        public id.pantau.core.camera.CameraId camera() {
            return camera.id();
        }

        @Override
        public int weight() {
            return camera.source().priority().weight();
        }

        @Override
        public VideoFrame poll() {
            return camera.queue().poll();
        }

        @Override
        public int waiting() {
            return camera.queue().size();
        }

        @Override
        public void discard(VideoFrame frame) {
            if (c.measuring.get()) {
                c.stale.increment();
            }
            camera.release(frame);
        }

        @Override
        public void process(VideoFrame frame) {
            if (!c.running.get()) {
                camera.release(frame);
                return;
            }
            if (analytics == null) {
                analytics = factory.forCamera(camera.id().value(), frame.width(), frame.height(), analysisFps);
            }
            Optional<TrackedFrame> tracked;
            List<PipelineEvent> out;
            try {
                tracked = perception.tryProcess(frame);
                if (tracked.isEmpty()) {
                    c.busy.increment();
                    return;
                }
                out = analytics.analyse(tracked.get(), frame);
            } finally {
                camera.release(frame); // as the node's pipeline does: the camera reuses the pixel buffer
            }
            for (PipelineEvent e : out) {
                codec.encode(e);
            }
            if (c.measuring.get()) {
                c.latency.add(Duration.between(frame.captureTime(), Instant.now()).toNanos() / 1e6);
                c.analysed.increment();
                c.perCamera.get(camera.id().value()).increment();
                c.events.add(out.size());
            }
        }
    }

    private static void awaitStreaming(IngestManager ingest) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            boolean all = true;
            for (CameraWorker w : ingest.cameras()) {
                if (w.state() instanceof CameraState.Down down) {
                    // footage that cannot be opened at the start is a setup error, not something to wait out
                    throw new IllegalStateException("camera " + w.id() + " could not start: " + down.reason());
                }
                all &= w.state() instanceof CameraState.Streaming;
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every simulated camera was streaming after " + START_LIMIT);
            }
            Thread.sleep(20);
        }
    }

    /** Perception's frame counter summed over cameras, for one result (detected, skipped_no_motion...). */
    private static double perceptionFrames(MeterRegistry registry, String result) {
        return registry.find("pantau.detect.frames").tag("result", result).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static long decoded(IngestManager ingest) {
        return ingest.cameras().stream().mapToLong(CameraWorker::framesDecoded).sum();
    }

    private static long queueDrops(IngestManager ingest) {
        return ingest.cameras().stream().mapToLong(w -> w.queue().dropped()).sum();
    }
}
