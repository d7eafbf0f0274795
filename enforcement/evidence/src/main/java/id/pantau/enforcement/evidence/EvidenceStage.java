package id.pantau.enforcement.evidence;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.storage.spool.SpoolException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence step between analytics and the back office: for each red-light violation it takes the footage
 * around the crossing from the camera's ring buffer, builds and stores the package (through the spooling store,
 * so a storage outage loses nothing), then publishes the violation with its {@code evidence} block to
 * {@value #VIOLATIONS_TOPIC}.
 *
 * <p>At-least-once and idempotent: a record redelivered after a crash gets the same package key (nothing is
 * stored twice) and is published again with the same event id, which consumers de-duplicate. When the store and
 * the spool both refuse the package the handler fails, so the bus delivers the record again later.
 */
public final class EvidenceStage {
    public static final String VIOLATIONS_TOPIC = "pantau.violations";
    /** Violations whose crossing footage is pinned at most at once (each holds ~7 s of ring JPEG references). */
    static final int MAX_PINNED = 64;
    private static final Logger log = LoggerFactory.getLogger(EvidenceStage.class);
    /**
     * The ring frames around each violation's crossing, taken the moment the violation arrived (by event id), so
     * a backlog in packaging cannot let the ring evict them. References to the ring's JPEG arrays: no copy.
     */
    private final java.util.Map<String, List<ClipFrame>> pinned = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, List<ClipFrame>> eldest) {
                    return size() > MAX_PINNED;
                }
            });

    private final FrameSource frames;
    private final VehicleSightings sightings;
    private final EvidenceAssembler assembler;
    private final EventBus bus;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Predicate<String> capturedHere;
    private final EventCodec codec = new EventCodec();

    public EvidenceStage(FrameSource frames, VehicleSightings sightings, EvidenceAssembler assembler, EventBus bus,
                         MeterRegistry registry) {
        this(frames, sightings, assembler, bus, registry, Clock.systemUTC());
    }

    /** @param clock the capture clock of the cameras, to know when the footage after a crossing exists */
    public EvidenceStage(FrameSource frames, VehicleSightings sightings, EvidenceAssembler assembler, EventBus bus,
                         MeterRegistry registry, Clock clock) {
        this(frames, sightings, assembler, bus, registry, clock, camera -> true);
    }

    /**
     * @param capturedHere the cameras whose frames this process holds. With several edge nodes on one Kafka topic,
     *                     each node's stage sees every violation (a consumer group of its own) and packages only
     *                     its own cameras': another node's violation would otherwise go out without evidence under
     *                     the same event id and race the owner's package in the back office.
     */
    public EvidenceStage(FrameSource frames, VehicleSightings sightings, EvidenceAssembler assembler, EventBus bus,
                         MeterRegistry registry, Clock clock, Predicate<String> capturedHere) {
        this.capturedHere = capturedHere;
        this.frames = frames;
        this.sightings = sightings;
        this.assembler = assembler;
        this.bus = bus;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Consumes the analytics' events from {@code inputTopic} (normally {@code pantau.events}). It must not be
     * {@value #VIOLATIONS_TOPIC}: the stage publishes there, and would read its own output.
     */
    public EventBus.Subscription subscribe(String inputTopic, String group) {
        if (VIOLATIONS_TOPIC.equals(inputTopic)) {
            throw new IllegalArgumentException("the evidence stage publishes to " + VIOLATIONS_TOPIC
                    + " and cannot also consume it; subscribe it to the analytics topic (pantau.events)");
        }
        // A group of its own, never busy packaging: it pins each crossing's frames as soon as the violation arrives.
        EventBus.Subscription pins = bus.subscribe(inputTopic, group + "-pin", this::onPinRecord);
        EventBus.Subscription packages;
        try {
            packages = bus.subscribe(inputTopic, group, this::onRecord);
        } catch (RuntimeException e) {
            pins.close();
            throw e;
        }
        return () -> {
            packages.close();
            pins.close();
        };
    }

    private void onPinRecord(BusRecord record) {
        try {
            if (codec.decode(record.value()) instanceof RedLightViolation v && v.evidence() == null
                    && capturedHere.test(v.camera())) {
                pin(v);
            }
        } catch (IllegalArgumentException e) {
            // unreadable: the packaging group counts and names it
        }
    }

    /**
     * Takes the ring frames around the crossing that exist now (from {@code clipBefore} + 1 s before it), so they
     * survive however long the violation waits to be packaged; {@link #process} merges them with the ring's
     * frames then. Called when the violation arrives.
     */
    public void pin(RedLightViolation v) {
        EvidenceSettings s = assembler.settings();
        Instant t = v.time().toInstant();
        try {
            List<ClipFrame> now = frames.frames(CameraId.of(v.camera()), t.minus(s.clipBefore()).minus(EvidenceSettings.EDGE),
                    t.plus(s.clipAfter()).plus(EvidenceSettings.EDGE));
            if (!now.isEmpty()) {
                pinned.put(v.eventId(), now);
            }
        } catch (RuntimeException e) {
            log.warn("violation {}: crossing frames not pinned ({}); the ring is read when it is packaged",
                    v.eventId(), e.toString());
        }
    }

    private void onRecord(BusRecord record) throws Exception {
        PipelineEvent event;
        try {
            event = codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            // A record nobody can read would block the topic forever if rethrown: count it, name it, move on.
            registry.counter("pantau.evidence.stage.unreadable").increment();
            log.error("record on {} (key {}) skipped, it is not a pipeline event: {}", record.topic(), record.key(),
                    e.getMessage());
            return;
        }
        if (event instanceof RedLightViolation v && v.evidence() == null && capturedHere.test(v.camera())) {
            process(v);
        }
    }

    /**
     * Builds, stores and publishes the evidence of one violation; returns the published event.
     *
     * @throws SpoolException when neither the store nor the spool took the package (retry later)
     */
    public RedLightViolation process(RedLightViolation v) throws InterruptedException, ExecutionException,
            TimeoutException {
        awaitFootageAfter(v);
        RedLightViolation published = withEvidence(v);
        bus.publish(VIOLATIONS_TOPIC, v.camera(), codec.encode(published)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        registry.counter("pantau.evidence.stage.published", "evidence",
                published.evidence() == null || !published.evidence().has("key") ? "none"
                        : published.evidence().path("complete").asBoolean() ? "stored" : "incomplete").increment();
        return published;
    }

    /**
     * Analytics report a violation a moment after the crossing, but the clip runs {@code clipAfter} past it: wait
     * until those frames have been captured (at most {@code clipAfter}, so a skewed clock cannot stall the stage).
     */
    private void awaitFootageAfter(RedLightViolation v) throws InterruptedException {
        Duration after = assembler.settings().clipAfter().plus(EvidenceSettings.EDGE);
        Duration wait = Duration.between(clock.instant(), v.time().toInstant().plus(after));
        if (wait.isPositive()) {
            Thread.sleep(wait.compareTo(after) > 0 ? after : wait);
        }
    }

    private RedLightViolation withEvidence(RedLightViolation v) {
        Optional<VehicleSightings.Sighting> sighting = sightings.find(v);
        if (sighting.isEmpty()) {
            return without(v, "the tracker no longer knows track " + v.trackId()
                    + "; keep tracks for longer than the evidence stage lags behind");
        }
        EvidenceSettings s = assembler.settings();
        Instant t = v.time().toInstant();
        // one second more either side: the clip takes the frame just beyond each edge of its window
        List<ClipFrame> clip = merge(pinned.remove(v.eventId()), frames.frames(CameraId.of(v.camera()),
                t.minus(s.clipBefore()).minus(EvidenceSettings.EDGE), t.plus(s.clipAfter()).plus(EvidenceSettings.EDGE)));
        try {
            ViolationCapture capture = new ViolationCapture(v, clip, sighting.get().vehicleBox(),
                    sighting.get().plate(), sighting.get().boxes());
            return assembler.assemble(capture).applyTo(v, sighting.get().plate());
        } catch (EvidenceAssemblyException e) {
            return without(v, e.getMessage());
        }
    }

    /** The pinned frames and the ring's, each frame once (by sequence), oldest first. */
    private static List<ClipFrame> merge(List<ClipFrame> pinnedFrames, List<ClipFrame> ring) {
        if (pinnedFrames == null || pinnedFrames.isEmpty()) {
            return ring;
        }
        java.util.TreeMap<Long, ClipFrame> bySequence = new java.util.TreeMap<>();
        pinnedFrames.forEach(f -> bySequence.put(f.sequence(), f));
        ring.forEach(f -> bySequence.putIfAbsent(f.sequence(), f));
        return List.copyOf(bySequence.values());
    }

    /**
     * The violation still goes to the back office, without a package and flagged incomplete
     * ({@code evidence: {"complete": false, "problems": [reason]}}), so it is seen and can be dismissed there
     * rather than vanish here, and is never queued as a complete case.
     */
    private RedLightViolation without(RedLightViolation v, String reason) {
        registry.counter("pantau.evidence.unavailable").increment();
        log.error("violation {} published WITHOUT evidence: {}", v.eventId(), reason);
        return new RedLightViolation(v.eventId(), v.camera(), v.approach(), v.trackId(), v.roadUserClass(), v.time(),
                v.signalState(), v.timeIntoRedS(), v.amberDurationS(), v.speedKmh(), v.frames(), v.configVersion(),
                v.location(), v.plate(), AssembledEvidence.unavailable(reason));
    }
}
