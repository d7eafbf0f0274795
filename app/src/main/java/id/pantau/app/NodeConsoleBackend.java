package id.pantau.app;

import id.pantau.app.console.BusEventFeed;
import id.pantau.app.console.CameraStatus;
import id.pantau.app.console.ConsoleBackend;
import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.event.PipelineEvent;
import id.pantau.detect.analytics.EventPublisher;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.live.LiveFeed;
import id.pantau.ingest.ring.RingFrame;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The console's view of this node: its cameras (when it runs ingest), the geometry store and the event feed. */
final class NodeConsoleBackend implements ConsoleBackend {
    private final IngestManager ingest;
    private final CameraConfigStore geometry;
    private final EventBus bus;
    private final MeterRegistry registry;

    private final Map<CameraId, LiveFeed> live = new ConcurrentHashMap<>();
    private final List<Consumer<TrackedFrame>> trackListeners = new CopyOnWriteArrayList<>();

    /** Taps every camera's packets for the live view; build it before the ingest starts. */
    NodeConsoleBackend(IngestManager ingest, CameraConfigStore geometry, EventBus bus, MeterRegistry registry) {
        this.ingest = ingest;
        this.geometry = geometry;
        this.bus = bus;
        this.registry = registry;
        if (ingest != null) {
            for (CameraWorker w : ingest.cameras()) {
                LiveFeed feed = new LiveFeed(w.id(), registry);
                w.tap(feed);
                live.put(w.id(), feed);
            }
        }
    }

    @Override
    public Optional<LiveFeed> liveFeed(CameraId camera) {
        return Optional.ofNullable(live.get(camera));
    }

    /** Hand every tracked frame of the node's pipelines here ({@code pipelines.addFrameListener}). */
    void tracked(TrackedFrame frame) {
        for (Consumer<TrackedFrame> l : trackListeners) {
            l.accept(frame);
        }
    }

    @Override
    public AutoCloseable onTracks(Consumer<TrackedFrame> listener) {
        trackListeners.add(listener);
        return () -> trackListeners.remove(listener);
    }

    @Override
    public List<CameraStatus> cameras() {
        List<CameraStatus> out = new ArrayList<>();
        if (ingest == null) {
            return out;
        }
        for (CameraWorker w : ingest.cameras()) {
            CameraState state = w.state();
            Optional<RingFrame> last = latest(w);
            long age = last.map(f -> Duration.between(f.captureTime(), Instant.now()).toMillis()).orElse(-1L);
            if (state instanceof CameraState.Streaming s) {
                out.add(new CameraStatus(w.id().value(), state.toString(), true, s.sourceFps(), s.width(), s.height(),
                        age, w.queue().dropped(), w.source().name()));
            } else {
                out.add(new CameraStatus(w.id().value(), state.toString(), false, 0, 0, 0, age, w.queue().dropped(),
                        w.source().name()));
            }
        }
        return out;
    }

    @Override
    public Optional<byte[]> snapshotJpeg(CameraId camera) {
        return latestJpeg(ingest, camera);
    }

    /** The newest frame of a camera this node ingests, as JPEG; empty without ingest, for an unknown camera or no frame yet. */
    static Optional<byte[]> latestJpeg(IngestManager ingest, CameraId camera) {
        if (ingest == null) {
            return Optional.empty();
        }
        try {
            return latest(ingest.camera(camera)).map(RingFrame::jpeg);
        } catch (java.util.NoSuchElementException unknownCamera) {
            return Optional.empty();
        }
    }

    private static Optional<RingFrame> latest(CameraWorker w) {
        List<RingFrame> frames = w.ring().snapshot();
        return frames.isEmpty() ? Optional.empty() : Optional.of(frames.getLast());
    }

    @Override
    public CameraConfigStore configs() {
        return geometry;
    }

    @Override
    public EventBus.Subscription subscribe(Consumer<PipelineEvent> listener) {
        // a group of its own, so this console sees every event instead of sharing them with other consoles
        return BusEventFeed.subscribe(bus, EventPublisher.EVENTS_TOPIC, "console-" + UUID.randomUUID(), listener, registry);
    }
}
