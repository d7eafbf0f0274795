package id.pantau.storage.spool;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import id.pantau.storage.EvidenceKeys;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StorageException;
import id.pantau.storage.StoreHealth;
import id.pantau.storage.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorates a store so evidence survives its outages. A put goes straight to the target while nothing is
 * waiting; if that fails, or while anything is still spooled, the object goes to the local spool instead and a
 * background uploader sends spooled objects to the target in the order they were written, retrying with
 * exponential back-off until each one is stored, then deletes the spool copy.
 *
 * <p>Why this is enough for packages: {@code PackageWriter} puts the manifest last, and once one object of a
 * package is spooled every later one is too, so the manifest reaches the target after its files. Keys are
 * deterministic, so an object uploaded twice (crash between upload and spool cleanup) replaces itself: never a
 * second copy. The spool is re-scanned at start, so nothing waiting is lost across restarts.
 *
 * <p>A spool that cannot take an object (read-only, disk full) makes that put fail with a {@link SpoolException}
 * naming the folder and the problem, and counts {@code pantau.evidence.spool.errors}: the caller keeps the
 * evidence and nothing is silently dropped. Closing this store closes the target.
 */
public final class SpoolingEvidenceStore implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(SpoolingEvidenceStore.class);

    private final EvidenceStore target;
    private final SpoolDirectory spool;
    private final Clock clock;
    private final MeterRegistry registry;
    private final RetryPolicy<Object> retry;
    private final BlockingQueue<SpoolEntry> queue = new LinkedBlockingQueue<>();
    /** Everything spooled and not yet uploaded, by sequence: the oldest is the first. */
    private final ConcurrentSkipListMap<Long, SpoolEntry> pending = new ConcurrentSkipListMap<>();
    /** Latest spooled entry per key, so reads see what was written even before it reaches the target. */
    private final Map<String, SpoolEntry> byKey = new ConcurrentHashMap<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicInteger spoolWritable = new AtomicInteger(1);
    private final Counter spooled;
    private final Counter uploads;
    private final Counter uploadFailures;
    private final List<Meter> gauges;
    private final Thread uploader;
    private volatile boolean running = true;
    private volatile String lastUploadError = "";

    public SpoolingEvidenceStore(EvidenceStore target, SpoolSettings settings, Clock clock, MeterRegistry registry) {
        this.target = target;
        this.spool = new SpoolDirectory(settings.dir(), settings.minFreeBytes(), clock);
        this.clock = clock;
        this.registry = registry;
        this.spooled = Counter.builder("pantau.evidence.spool.spooled")
                .description("objects written to the spool because the target store was down or behind")
                .register(registry);
        this.uploads = Counter.builder("pantau.evidence.spool.uploads")
                .description("spooled objects uploaded to the target store").register(registry);
        this.uploadFailures = Counter.builder("pantau.evidence.spool.upload.failures")
                .description("failed upload attempts of spooled objects (each is retried)").register(registry);
        // Gauges hold this instance; they are removed on close so a later instance (restart) registers its own.
        this.gauges = List.of(
                Gauge.builder("pantau.evidence.spool.pending", pending, Map::size)
                        .description("objects waiting in the spool").register(registry),
                Gauge.builder("pantau.evidence.spool.pending.bytes", pendingBytes, AtomicLong::get)
                        .description("bytes waiting in the spool").baseUnit("bytes").register(registry),
                TimeGauge.builder("pantau.evidence.spool.oldest.age", this, TimeUnit.SECONDS,
                                s -> s.oldestPendingAge().toMillis() / 1000.0)
                        .description("age of the oldest object waiting in the spool (0 when empty)").register(registry),
                Gauge.builder("pantau.evidence.spool.writable", spoolWritable, AtomicInteger::get)
                        .description("1 while the spool folder accepts evidence, 0 when it is read-only or full")
                        .register(registry));
        this.retry = RetryPolicy.builder()
                .handle(StorageException.class, UncheckedIOException.class)
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onFailedAttempt(e -> onUploadFailure(e.getLastException()))
                .build();

        // Every reason exists from the start at 0, so an alert rule sees the series before the first failure.
        for (SpoolException.Reason r : SpoolException.Reason.values()) {
            errorCounter(r);
        }
        recover();
        this.uploader = Thread.ofVirtual().name("evidence-spool-uploader").start(this::uploadLoop);
    }

    /** Re-reads the spool left by an earlier run; a spool that can't be used is reported now, not at first need. */
    private void recover() {
        try {
            spool.probe();
            List<SpoolEntry> left = spool.scan();
            left.forEach(this::track);
            queue.addAll(left);
            if (!left.isEmpty()) {
                log.info("evidence spool {}: {} objects ({} bytes) left from an earlier run, uploading to {}",
                        spool.path(), left.size(), pendingBytes.get(), target.describe());
            }
        } catch (SpoolException e) {
            spoolError(e);
            log.error("{} Evidence is written straight to {} until this is fixed; if that store is down, writes fail.",
                    e.getMessage(), target.describe());
        }
    }

    private void track(SpoolEntry e) {
        pending.put(e.seq(), e);
        byKey.put(e.key(), e);
        pendingBytes.addAndGet(e.size());
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        EvidenceKeys.requireValidKey(key);
        putOrSpool(key, contentType, content.length, () -> target.put(key, content, contentType),
                out -> out.write(content));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        EvidenceKeys.requireValidKey(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("evidence file " + file + " for '" + key + "' is not readable: " + e, e);
        }
        putOrSpool(key, contentType, size, () -> target.put(key, file, contentType), out -> Files.copy(file, out));
    }

    private void putOrSpool(String key, String contentType, long size, Runnable direct, SpoolDirectory.DataSource data) {
        StorageException directFailure = null;
        if (pending.isEmpty()) {
            try {
                direct.run();
                return;
            } catch (StorageException e) {
                directFailure = e;
                log.warn("evidence '{}' not stored in {} ({}); spooling it to {}", key, target.describe(),
                        e.getMessage(), spool.path());
            }
        }
        spoolIt(key, contentType, size, data, directFailure);
    }

    private void spoolIt(String key, String contentType, long size, SpoolDirectory.DataSource data,
                         StorageException directFailure) {
        SpoolEntry entry;
        try {
            entry = spool.write(key, contentType, size, data);
        } catch (SpoolException e) {
            spoolError(e);
            String why = directFailure != null ? directFailure.getMessage()
                    : pending.size() + " earlier objects are still waiting for " + target.describe();
            throw new SpoolException(e.reason(), e.path(), "evidence '" + key + "' was not stored: " + why + "; and "
                    + e.getMessage() + " Keep the evidence and write it again later.", e);
        }
        spoolWritable.set(1);
        track(entry);
        spooled.increment();
        queue.add(entry);
    }

    private void spoolError(SpoolException e) {
        if (e.reason() != SpoolException.Reason.CORRUPT) {
            spoolWritable.set(0);
        }
        errorCounter(e.reason()).increment();
    }

    private Counter errorCounter(SpoolException.Reason reason) {
        return Counter.builder("pantau.evidence.spool.errors")
                .description("evidence the spool could not take (read-only, disk full, damaged entries)")
                .tag("reason", reason.tag()).register(registry);
    }

    private void uploadLoop() {
        while (running) {
            SpoolEntry e;
            try {
                e = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            uploadUntilDone(e);
        }
    }

    /** Keeps the entry at the head of the line until it is uploaded: order matters (manifest last). */
    private void uploadUntilDone(SpoolEntry e) {
        while (running) {
            try {
                upload(e);
                return;
            } catch (FailsafeException fe) {
                // Failsafe retries store failures forever; it only gives up when the thread is interrupted (close).
                if (!running) {
                    return;
                }
                log.warn("upload of spooled '{}' interrupted ({}); trying again", e.key(), fe.toString());
                Thread.interrupted();
            } catch (RuntimeException re) {
                // Not a store failure (e.g. a hand-edited entry with an invalid key): it can never succeed as it
                // is, so it is moved aside for a person instead of blocking every later entry.
                spool.quarantine(e.meta(), e.data(), "it cannot be uploaded: " + re.getMessage());
                spoolError(new SpoolException(SpoolException.Reason.CORRUPT, e.data(), re.getMessage(), re));
                untrack(e);
                return;
            }
        }
    }

    private void upload(SpoolEntry e) {
        if (!spool.intact(e)) {
            spool.quarantine(e.meta(), e.data(), "its bytes no longer match the SHA-256 taken when it was spooled");
            spoolError(new SpoolException(SpoolException.Reason.CORRUPT, e.data(), "damaged spool entry", null));
            untrack(e);
            return;
        }
        Failsafe.with(retry).run(() -> target.put(e.key(), e.data(), e.contentType()));
        uploads.increment();
        spool.remove(e);
        untrack(e);
        if (!lastUploadError.isEmpty()) {
            log.info("evidence store {} is back: spooled '{}' uploaded, {} objects still waiting", target.describe(),
                    e.key(), pending.size());
            lastUploadError = "";
        }
    }

    private void untrack(SpoolEntry e) {
        pending.remove(e.seq());
        byKey.remove(e.key(), e);
        pendingBytes.addAndGet(-e.size());
    }

    private void onUploadFailure(Throwable t) {
        uploadFailures.increment();
        String msg = t == null ? "unknown" : t.getMessage();
        // One line per change of error, not one per retry, so an hour-long outage doesn't flood the log.
        if (!msg.equals(lastUploadError)) {
            log.warn("spooled evidence not uploaded yet, retrying with back-off ({} waiting): {}", pending.size(), msg);
            lastUploadError = msg;
        }
    }

    /** Objects waiting in the spool. */
    public int pendingCount() {
        return pending.size();
    }

    public Duration oldestPendingAge() {
        Map.Entry<Long, SpoolEntry> first = pending.firstEntry();
        return first == null ? Duration.ZERO : Duration.between(first.getValue().spooledAt(), clock.instant());
    }

    /** Waits until the spool is empty (e.g. before a planned shutdown); false if {@code timeout} passed first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public Path spoolDir() {
        return spool.path();
    }

    @Override
    public InputStream open(String key) {
        SpoolEntry e = byKey.get(key);
        if (e != null) {
            try {
                return Files.newInputStream(e.data());
            } catch (IOException ex) {
                // Uploaded and removed in between: the target has it now.
                log.debug("spooled copy of {} gone, reading from target: {}", key, ex.toString());
            }
        }
        return target.open(key);
    }

    @Override
    public boolean exists(String key) {
        return byKey.containsKey(key) || target.exists(key);
    }

    @Override
    public List<String> list(String prefix) {
        String p = EvidenceKeys.requireValidPrefix(prefix);
        TreeSet<String> keys = new TreeSet<>();
        byKey.keySet().stream().filter(k -> k.startsWith(p)).forEach(keys::add);
        try {
            keys.addAll(target.list(p));
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException("cannot list '" + p + "': " + e.getMessage() + " (" + keys.size()
                    + " matching objects are waiting in the spool " + spool.path() + ")", e);
        }
        return List.copyOf(keys);
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl) {
        return target.presignedUrl(key, ttl);
    }

    @Override
    public StoreHealth health() {
        StoreHealth t = target.health();
        String spoolState;
        boolean spoolOk;
        try {
            spool.probe();
            spoolWritable.set(1);
            spoolOk = true;
            spoolState = "spool " + spool.path() + " writable, " + pending.size() + " objects waiting (oldest "
                    + oldestPendingAge().toSeconds() + " s)";
        } catch (SpoolException e) {
            spoolError(e);
            spoolOk = false;
            spoolState = e.getMessage();
        }
        // Evidence is safe while either the target or the spool takes it.
        return new StoreHealth(spoolOk || (t.up() && pending.isEmpty()), t.detail() + "; " + spoolState);
    }

    @Override
    public String describe() {
        return target.describe() + " (spool " + spool.path() + ")";
    }

    /** Stops the uploader (objects still waiting stay in the spool for the next start) and closes the target. */
    @Override
    public void close() {
        running = false;
        uploader.interrupt();
        try {
            uploader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gauges.forEach(registry::remove);
        if (!pending.isEmpty()) {
            log.info("evidence spool {} closed with {} objects waiting; they are uploaded at the next start",
                    spool.path(), pending.size());
        }
        target.close();
    }
}
