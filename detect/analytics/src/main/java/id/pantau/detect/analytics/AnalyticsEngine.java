package id.pantau.detect.analytics;

import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalState;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.analytics.congestion.ZoneMonitor;
import id.pantau.detect.analytics.counting.LineCrossingCounter;
import id.pantau.detect.analytics.motion.GroundMotion;
import id.pantau.detect.analytics.signal.ControllerPhase;
import id.pantau.detect.analytics.violation.RedLightRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The analytics of one camera: turns each {@link TrackedFrame} (plus the picture, for vision signals) into
 * pipeline events: line crossings, zone congestion and alerts, signal changes and faults, red-light violations.
 * <p>
 * Call {@link #analyse} from the camera's one analysis thread, in frame order. {@link #swapConfig} and
 * {@link #onControllerPhase} may be called from any thread: a new configuration takes effect at the next
 * frame boundary (an atomic reference read once per frame), so no frame is dropped or analysed with a mix
 * of versions; state that belongs to the geometry (line sides, candidates, zone intervals) starts afresh
 * with the new version. The signal of an approach whose signal configuration and thresholds are unchanged
 * carries on (state, onset, amber, learned lamp levels): a red phase does not restart at a configuration swap.
 */
public final class AnalyticsEngine {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsEngine.class);

    private final AtomicReference<CameraConfig> config;
    private final ConcurrentLinkedQueue<ControllerPhase> controllerInbox = new ConcurrentLinkedQueue<>();
    /** Controller phases not yet reached by frame time, oldest first. Analysis thread only. */
    private final PriorityQueue<ControllerPhase> controllerPending =
            new PriorityQueue<>(Comparator.comparing(ControllerPhase::at));
    private final MeterRegistry registry;
    private final Counter framesAnalysed;
    private final Counter framesRejected;
    private final Counter framesFailed;
    private final Counter swaps;
    private final Timer analyseTime;
    private Runtime runtime;
    private int rejectedWarnedVersion = -1;

    /** @param initial a configuration validated by {@code CameraConfigLoader} (or stored by the store) */
    public AnalyticsEngine(CameraConfig initial, MeterRegistry registry) {
        this.config = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.registry = registry;
        String cam = initial.camera();
        this.framesAnalysed = Counter.builder("pantau.analytics.frames").tag("camera", cam)
                .description("frames analysed").register(registry);
        this.framesRejected = Counter.builder("pantau.analytics.frames.rejected").tag("camera", cam)
                .description("frames that could not be analysed (size differs from the configuration)")
                .register(registry);
        this.framesFailed = Counter.builder("pantau.analytics.frames.failed").tag("camera", cam)
                .description("frames whose analysis threw (a defect or malformed input); see the error log")
                .register(registry);
        this.swaps = Counter.builder("pantau.analytics.config.swaps").tag("camera", cam).register(registry);
        this.analyseTime = Timer.builder("pantau.analytics.frame.time").tag("camera", cam).register(registry);
    }

    /** Puts a new configuration version in force from the next frame on. Safe from any thread. */
    public void swapConfig(CameraConfig next) {
        if (!Objects.equals(next.camera(), config.get().camera())) {
            throw new IllegalArgumentException("configuration for camera " + next.camera()
                    + " given to the engine of camera " + config.get().camera());
        }
        config.set(next);
    }

    /** The configuration that the next frame will be analysed with. */
    public CameraConfig config() {
        return config.get();
    }

    /** A phase change reported by the signal controller; applied in time order as frames reach its time. */
    public void onControllerPhase(ControllerPhase phase) {
        controllerInbox.add(phase);
    }

    /**
     * Analyses one frame.
     *
     * @param video the decoded picture of this frame, needed by vision signals; may be null (the signal then
     *              keeps its last state for this frame)
     */
    public AnalysisResult analyse(TrackedFrame frame, VideoFrame video) {
        return analyseTime.record(() -> analyseTimed(frame, video));
    }

    private AnalysisResult analyseTimed(TrackedFrame frame, VideoFrame picture) {
        VideoFrame video = picture;
        CameraConfig cfg = config.get();   // read once: the whole frame uses one version
        if (runtime == null || runtime.geometry.config() != cfg) {
            if (runtime != null) {
                swaps.increment();
                log.info("camera {}: configuration v{} in force from frame {} (was v{})", cfg.camera(),
                        cfg.versionOrZero(), frame.sequence(), runtime.geometry.version());
            }
            runtime = new Runtime(new CameraGeometry(cfg), runtime);
        }
        int version = cfg.versionOrZero();
        if (frame.width() != cfg.frame().width() || frame.height() != cfg.frame().height()) {
            framesRejected.increment();
            if (rejectedWarnedVersion != version) {
                rejectedWarnedVersion = version;
                log.warn("camera {}: frame {} is {}x{} but configuration v{} is drawn for {}x{}; analytics skip"
                                + " such frames until the stream or the configuration is fixed", cfg.camera(),
                        frame.sequence(), frame.width(), frame.height(), version, cfg.frame().width(),
                        cfg.frame().height());
            }
            return new AnalysisResult(frame.sequence(), version, List.of(), runtime.signalStates(), false);
        }
        ControllerPhase p;
        while ((p = controllerInbox.poll()) != null) {
            controllerPending.add(p);
        }
        List<ControllerPhase> due = new ArrayList<>();
        while (!controllerPending.isEmpty() && !controllerPending.peek().at().isAfter(frame.captureTime())) {
            due.add(controllerPending.poll());
        }
        if (video != null && (video.width() != frame.width() || video.height() != frame.height())) {
            log.warn("camera {}: picture of frame {} is {}x{}, tracks are for {}x{}; signal lamps not read this"
                    + " frame", cfg.camera(), frame.sequence(), video.width(), video.height(), frame.width(),
                    frame.height());
            video = null;
        }
        List<PipelineEvent> events;
        try {
            events = runtime.analyse(frame, video, new ArrayDeque<>(due));
        } catch (RuntimeException e) {
            // A defect or a malformed frame must not stop this camera's pipeline (nor any other): the frame is
            // reported as not analysed, counted, and logged with what is needed to reproduce it.
            framesFailed.increment();
            log.error("camera {}: frame {} (config v{}) could not be analysed; continuing with the next frame",
                    cfg.camera(), frame.sequence(), version, e);
            return new AnalysisResult(frame.sequence(), version, List.of(), runtime.signalStates(), false);
        }
        framesAnalysed.increment();
        for (PipelineEvent e : events) {
            registry.counter("pantau.analytics.events", "camera", cfg.camera(), "type", e.type()).increment();
        }
        return new AnalysisResult(frame.sequence(), version, events, runtime.signalStates(), true);
    }

    /** Everything derived from one configuration version. */
    private static final class Runtime {
        final CameraGeometry geometry;
        final GroundMotion motion;
        final List<LineCrossingCounter> lines = new ArrayList<>();
        final List<ZoneMonitor> zones = new ArrayList<>();
        final Map<String, ApproachSignal> signals = new LinkedHashMap<>();
        final Map<String, RedLightRule> redLight = new LinkedHashMap<>();

        /** @param previous the runtime of the previous configuration version (its signals carry on), or null */
        Runtime(CameraGeometry geometry, Runtime previous) {
            this.geometry = geometry;
            this.motion = new GroundMotion(geometry);
            CameraConfig c = geometry.config();
            c.countingLines().forEach(l -> lines.add(new LineCrossingCounter(geometry, l)));
            c.zones().forEach(z -> zones.add(new ZoneMonitor(geometry, z)));
            for (Approach a : c.approaches()) {
                signals.put(a.id(), new ApproachSignal(geometry, a,
                        previous == null ? null : previous.signals.get(a.id())));
                redLight.put(a.id(), new RedLightRule(geometry, a));
            }
        }

        List<PipelineEvent> analyse(TrackedFrame frame, VideoFrame video,
                                    Queue<ControllerPhase> dueControllerPhases) {
            List<PipelineEvent> out = new ArrayList<>();
            motion.update(frame);
            signals.values().forEach(s -> out.addAll(s.update(frame, video, dueControllerPhases)));
            lines.forEach(l -> out.addAll(l.update(frame, motion)));
            redLight.forEach((id, d) -> out.addAll(d.update(frame, motion, signals.get(id).timeline())));
            zones.forEach(z -> out.addAll(z.update(frame, motion)));
            return out;
        }

        Map<String, SignalState> signalStates() {
            Map<String, SignalState> m = new LinkedHashMap<>();
            signals.forEach((id, s) -> m.put(id, s.timeline().state()));
            return m;
        }
    }
}
