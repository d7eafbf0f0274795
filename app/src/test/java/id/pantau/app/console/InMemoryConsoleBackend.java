package id.pantau.app.console;

import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.ingest.live.LiveFeed;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A console backend from real parts for the tests: a {@link CameraConfigStore} on a temporary directory, JPEG
 * snapshots decoded from a shared video and events delivered through a real event bus in their JSON encoding,
 * as the pipeline publishes them, read back with {@link BusEventFeed} as the app's backend does.
 */
final class InMemoryConsoleBackend implements ConsoleBackend {
    static final String EVENTS_TOPIC = "pantau.events";

    private final CameraConfigStore store;
    private final EventBus bus;
    private final MeterRegistry registry;
    private final EventCodec codec = new EventCodec();
    private final Map<CameraId, byte[]> snapshots = new ConcurrentHashMap<>();
    private final Map<CameraId, CameraStatus> cameras = new ConcurrentHashMap<>();
    private final Map<CameraId, LiveFeed> live = new ConcurrentHashMap<>();
    private final List<Consumer<TrackedFrame>> trackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    InMemoryConsoleBackend(CameraConfigStore store, EventBus bus, MeterRegistry registry) {
        this.store = store;
        this.bus = bus;
        this.registry = registry;
    }

    void camera(CameraStatus status, byte[] snapshot) {
        CameraId id = CameraId.of(status.id());
        cameras.put(id, status);
        if (snapshot != null) {
            snapshots.put(id, snapshot);
        }
    }

    @Override
    public List<CameraStatus> cameras() {
        return cameras.values().stream().sorted(java.util.Comparator.comparing(CameraStatus::id)).toList();
    }

    @Override
    public Optional<byte[]> snapshotJpeg(CameraId camera) {
        return Optional.ofNullable(snapshots.get(camera));
    }

    @Override
    public CameraConfigStore configs() {
        return store;
    }

    @Override
    public EventBus.Subscription subscribe(Consumer<PipelineEvent> listener) {
        return BusEventFeed.subscribe(bus, EVENTS_TOPIC, "console-" + UUID.randomUUID(), listener, registry);
    }

    /** Gives the camera a live view (a real reader's {@link LiveFeed}). */
    void live(LiveFeed feed) {
        live.put(feed.camera(), feed);
    }

    @Override
    public Optional<LiveFeed> liveFeed(CameraId camera) {
        return Optional.ofNullable(live.get(camera));
    }

    @Override
    public AutoCloseable onTracks(Consumer<TrackedFrame> listener) {
        trackListeners.add(listener);
        return () -> trackListeners.remove(listener);
    }

    /** A tracked frame as the pipeline hands it on. */
    void tracked(TrackedFrame f) {
        trackListeners.forEach(l -> l.accept(f));
    }

    void publish(PipelineEvent e) {
        bus.publish(EVENTS_TOPIC, e.camera(), codec.encode(e)).toCompletableFuture().join();
    }
}
