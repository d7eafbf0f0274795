package id.pantau.app.pipeline;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.camera.config.InvalidCameraConfigException;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.detect.analytics.AnalysisResult;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.analytics.EventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.json.Json;
import id.pantau.detect.profile.CameraDetectorConfig;
import id.pantau.detect.profile.ProfiledDetector;
import id.pantau.detect.stage.FairFrameScheduler;
import id.pantau.detect.stage.NativeThreads;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Joins ingest, perception and analytics per camera: a few analysis threads (one per core) take the cameras'
 * sampled frames from their bounded ingest queues (drop-oldest, so a slow detector costs frames, never memory) in
 * fair, weighted turns ({@link FairFrameScheduler}: an enforcement camera two turns for a counting camera's one, no
 * camera starved, stale frames skipped under overload), track, analyse with the camera's geometry (when it has one),
 * and publish the events. A camera's geometry can be saved at any time through the
 * {@link CameraConfigStore}; the new version takes effect at the next frame without dropping any. A node that
 * does not run the analytics stage gets {@link #withoutAnalytics}: frames are detected and tracked, and the
 * tracked frames go to the listeners only.
 */
public final class CameraPipelines implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraPipelines.class);

    private final IngestManager ingest;
    private final PerceptionStage perception;
    private final CameraConfigStore geometry;
    private final EventPublisher publisher;
    private final Set<String> loggedReplay = ConcurrentHashMap.newKeySet();
    private final MeterRegistry registry;
    private final Map<CameraId, AnalyticsEngine> engines = new ConcurrentHashMap<>();
    private final List<Consumer<TrackedFrame>> frameListeners = new CopyOnWriteArrayList<>();
    private FairFrameScheduler scheduler;
    /** A frame older than this is skipped when a newer one of its camera waits: latency stays bounded. */
    static final Duration MAX_LAG = Duration.ofMillis(500);

    public CameraPipelines(IngestManager ingest, PerceptionStage perception, CameraConfigStore geometry,
                           EventPublisher publisher, MeterRegistry registry) {
        this.ingest = ingest;
        this.perception = perception;
        this.geometry = geometry;
        this.publisher = publisher;
        this.registry = registry;
        if (geometry != null) {
            geometry.onChange(this::applyConfig);
        }
    }

    /** Perception only: no geometry is loaded, nothing is analysed or published. */
    public static CameraPipelines withoutAnalytics(IngestManager ingest, PerceptionStage perception,
                                                   MeterRegistry registry) {
        return new CameraPipelines(ingest, perception, null, null, registry);
    }

    /** Whether this node analyses tracks (the analytics stage). */
    public boolean analyses() {
        return geometry != null;
    }

    /** The cameras whose analytics run (those with geometry); empty without the analytics stage. */
    public Set<CameraId> analysedCameras() {
        return Set.copyOf(engines.keySet());
    }

    /** Every tracked frame, e.g. for the evidence stage's box lookups. */
    public void addFrameListener(Consumer<TrackedFrame> listener) {
        frameListeners.add(listener);
    }

    public synchronized void start() {
        NativeThreads.oneOpenCvThreadPerCaller(); // the cameras are the parallelism
        scheduler = new FairFrameScheduler(Runtime.getRuntime().availableProcessors(), MAX_LAG, "analysis");
        for (CameraWorker worker : ingest.cameras()) {
            try {
                if (geometry != null) {
                    geometry.current(worker.id()).ifPresent(this::applyConfig);
                }
            } catch (IOException | InvalidCameraConfigException e) {
                log.error("camera {}: geometry not loaded, analysing without it: {}", worker.id(), e.getMessage());
            }
            scheduler.add(new Lane(worker));
            worker.queue().onOffer(scheduler::signal);
        }
        scheduler.start();
    }

    private void applyConfig(CameraConfig config) {
        CameraId id = CameraId.of(config.camera());
        applyDetectorProfile(id, config);
        engines.compute(id, (k, engine) -> {
            if (engine == null) {
                log.info("camera {}: analytics on with geometry version {}", id, config.versionOrZero());
                return new AnalyticsEngine(config, registry);
            }
            engine.swapConfig(config);
            log.info("camera {}: geometry version {} takes effect at the next frame", id, config.versionOrZero());
            return engine;
        });
    }

    /**
     * A camera whose configuration names a detector profile (a dense junction: tiles from its geometry, riders
     * folded into motorbikes, another model) gets a detector of its own; without one it uses the node's. A profile
     * that cannot be built is reported with the camera and field, and the camera keeps the detector it has: the
     * other cameras are not touched.
     */
    private void applyDetectorProfile(CameraId id, CameraConfig config) {
        JsonNode profile = config.detector();
        String source = "camera " + id + " configuration v" + config.versionOrZero();
        if (profile == null) {
            if (perception.detectorOf(id) instanceof ProfiledDetector) {
                perception.useDetector(id, null);
                log.info("{}: no detector profile, back to the node's detector", source);
            }
            return;
        }
        try {
            CameraDetectorConfig cameraDetector = CameraDetectorConfig.parse(
                    Json.mapper().valueToTree(config), source);
            perception.useDetector(id, ProfiledDetector.open(cameraDetector, Assets.defaults(), 1, true));
        } catch (RuntimeException e) {
            registry.counter("pantau.pipeline.profile.rejected", "camera", id.value()).increment();
            log.error("{}: detector profile not applied, the camera keeps its detector: {}", source, e.getMessage());
        }
    }

    /** The detector a camera's frames go to: its profile's plan, or the node's detector. */
    public String detectorOf(CameraId id) {
        return perception.detectorOf(id) instanceof ProfiledDetector p ? p.modelName() + ", " + p.plan()
                : "the node's detector (" + perception.detectorOf(id).modelName() + ")";
    }

    /**
     * A looping file (the demo's footage) replays the same moments: its violations were published on the first pass
     * and would flood the review queue with the same cases on every loop. Counts and congestion stay live.
     */
    private List<PipelineEvent> withoutRepeatedViolations(CameraWorker worker, List<PipelineEvent> events) {
        List<PipelineEvent> kept = events.stream().filter(e -> !(e instanceof RedLightViolation)).toList();
        int dropped = events.size() - kept.size();
        if (dropped > 0) {
            registry.counter("pantau.pipeline.replayed.violations", "camera", worker.id().value()).increment(dropped);
            if (loggedReplay.add(worker.id().value())) {
                log.info("camera {} replays a looping file: its violations are published on the first pass only",
                        worker.id());
            }
        }
        return kept;
    }

    /** One camera as the scheduler sees it: its ingest queue, its weight, its analysis. */
    private final class Lane implements FairFrameScheduler.Lane {
        final CameraWorker worker;
        final Timer latency;

        Lane(CameraWorker worker) {
            this.worker = worker;
            this.latency = Timer.builder("pantau.pipeline.latency")
                    .description("capture of a frame to its events published")
                    .tag("camera", worker.id().value()).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        }

        @Override
        public CameraId camera() {
            return worker.id();
        }

        @Override
        public int weight() {
            return worker.source().priority().weight();
        }

        @Override
        public VideoFrame poll() {
            return worker.queue().poll();
        }

        @Override
        public int waiting() {
            return worker.queue().size();
        }

        @Override
        public void discard(VideoFrame frame) {
            registry.counter("pantau.pipeline.frames.stale", "camera", worker.id().value()).increment();
            worker.release(frame);
        }

        @Override
        public void process(VideoFrame frame) {
            try {
                TrackedFrame tracked = perception.process(frame);
                frameListeners.forEach(l -> l.accept(tracked));
                AnalyticsEngine engine = engines.get(worker.id());
                if (engine != null) {
                    AnalysisResult result = engine.analyse(tracked, frame);
                    List<PipelineEvent> events = worker.isReplay(frame) ? withoutRepeatedViolations(worker, result.events())
                            : result.events();
                    if (!events.isEmpty()) {
                        publisher.publish(events);
                    }
                }
                latency.record(Duration.between(frame.captureTime(), Instant.now()).toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                // one bad frame must not stop the camera, let alone the others
                registry.counter("pantau.pipeline.frames.failed", "camera", worker.id().value()).increment();
                log.warn("camera {} frame {}: {}", worker.id(), frame.sequence(), e.toString());
            } finally {
                // perception and analytics are done with the pixels (listeners get the TrackedFrame, no pixels)
                worker.release(frame);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            for (CameraWorker worker : ingest.cameras()) {
                worker.queue().onOffer(null);
            }
            scheduler.close();
        }
    }
}
