package id.pantau.ingest;

import id.pantau.core.camera.CameraId;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import id.pantau.ingest.worker.ReconnectBackoff;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link CameraWorker} per camera, each on its own platform thread (FFmpeg's grab is a blocking native
 * call, which would pin a virtual thread's carrier anyway), plus one watchdog thread that flags stalled cameras and
 * replaces hung readers. Cameras are independent: one failing never slows another.
 *
 * <pre>{@code
 * try (IngestManager ingest = new IngestManager(CameraListLoader.load(path), registry)) {
 *     ingest.start();
 *     VideoFrame f = ingest.camera(CameraId.of("cam1")).queue().poll(Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class IngestManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestManager.class);
    private static final Duration WATCH_PERIOD = Duration.ofMillis(250);

    private final Map<CameraId, CameraWorker> workers = new LinkedHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ingest-watchdog").factory());
    private boolean started;
    private boolean closed;

    public IngestManager(List<CameraSource> cameras, MeterRegistry registry) {
        this(cameras, registry, ReconnectBackoff.DEFAULT, Clock.systemUTC());
    }

    public IngestManager(List<CameraSource> cameras, MeterRegistry registry, ReconnectBackoff backoff, Clock clock) {
        for (CameraSource c : cameras) {
            if (workers.containsKey(c.id())) {
                throw new IllegalArgumentException("camera id " + c.id() + " is listed twice");
            }
            workers.put(c.id(), new CameraWorker(c, registry, backoff, clock));
        }
    }

    /** Starts every camera and the watchdog. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("ingest already started");
        }
        started = true;
        workers.values().forEach(CameraWorker::start);
        watchdog.scheduleAtFixedRate(this::watch, WATCH_PERIOD.toMillis(), WATCH_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("ingest started: {} camera(s)", workers.size());
    }

    private void watch() {
        long now = System.nanoTime();
        for (CameraWorker w : workers.values()) {
            try {
                w.watch(now);
            } catch (RuntimeException e) {
                log.error("watchdog failed on camera {}", w.id(), e);
            }
        }
    }

    public List<CameraWorker> cameras() {
        return List.copyOf(workers.values());
    }

    /** The camera's worker (state, queue, ring buffer). */
    public CameraWorker camera(CameraId id) {
        CameraWorker w = workers.get(id);
        if (w == null) {
            throw new NoSuchElementException("no camera '" + id + "' (known: " + workers.keySet() + ")");
        }
        return w;
    }

    public Map<CameraId, CameraState> states() {
        Map<CameraId, CameraState> out = new LinkedHashMap<>();
        workers.forEach((id, w) -> out.put(id, w.state()));
        return out;
    }

    /** Stops all cameras (in parallel, so one stuck camera does not delay the others) and the watchdog. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        List<Thread> stoppers = new ArrayList<>();
        for (CameraWorker w : workers.values()) {
            stoppers.add(Thread.ofVirtual().start(() -> w.stop(w.source().stallTimeout().plusSeconds(1))));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("ingest stopped");
    }
}
