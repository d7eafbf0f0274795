package id.pantau.enforcement.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import id.pantau.ingest.ring.FrameRing;
import id.pantau.ingest.ring.RingFrame;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.signing.PemKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13.4, photos from the wrong moment: the real Hanoi footage goes through a real {@link FrameRing} (the
 * ingest's evidence buffer) up to the moment the violation reaches the stage. When the crossing frame has left the
 * ring, the package must not show another frame in its place: it says which photos are missing and why, and the
 * violation is published flagged incomplete. A ring sized by {@link EvidenceSettings#requiredRingWindow()} keeps
 * every photo within one frame period of its stated moment.
 */
class EvidenceMomentsTest {
    private static final CameraId CAMERA = CameraId.of(HanoiFootage.CAMERA);
    /**
     * One frame period of the Hanoi camera (6 fps), plus 1 ms: the clip's timestamps are rounded to its time base,
     * so consecutive frames lie 166.3 to 167.1 ms apart.
     */
    static final double FRAME_PERIOD_MS = 1000.0 / 6 + 1;
    private static final Clock LATER = Clock.fixed(HanoiFootage.T0.plusSeconds(3600), ZoneOffset.UTC);
    @TempDir
    Path tmp;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventCodec codec = new EventCodec();
    private EvidenceStorage storage;
    private InProcessEventBus bus;

    @BeforeEach
    void start() {
        Path priv = tmp.resolve("evidence-signing.pem");
        Path pub = tmp.resolve("evidence-signing.pub.pem");
        PemKeys.generateEd25519(priv, pub);
        storage = EvidenceStorage.open(EvidenceStoreConfig.local(tmp.resolve("evidence"), null, priv, pub), registry);
        bus = new InProcessEventBus(100, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        bus.close();
        storage.close();
    }

    /** A ring of this window fed with the footage up to {@code lastFrame}: what the camera holds at that moment. */
    private static FrameRing ringUpTo(Duration window, long lastFrame) {
        FrameRing ring = new FrameRing(window, 64L << 20);
        for (ClipFrame f : HanoiFootage.frames()) {
            if (f.sequence() <= lastFrame) {
                ring.add(new RingFrame(CAMERA, f.sequence(), f.time(), 0, 640, 480, f.jpeg()));
            }
        }
        return ring;
    }

    private EvidenceStage stage(FrameRing ring, EvidenceSettings settings) {
        FrameSource source = (camera, from, to) -> ring.window(from, to).stream()
                .map(r -> new ClipFrame(r.sequence(), r.captureTime(), r.jpeg())).toList();
        VehicleSightings tracker = v -> Optional.of(new VehicleSightings.Sighting(EvidenceAssemblerTest.MOTORCYCLE,
                Optional.of(new PlateEvidence("B 1234 XY", "JAKARTA", 0.87, EvidenceAssemblerTest.PLATE, 116))));
        return new EvidenceStage(source, tracker, new EvidenceAssembler(storage, Assets.defaults(), settings, registry),
                bus, registry, LATER);
    }

    private JsonNode metadata(RedLightViolation published) throws Exception {
        return Json.mapper().readTree(storage.store().get(published.evidence().get("key").asText() + "metadata.json"));
    }

    @Test
    void aCrossingFrameThatLeftTheRingGivesAPackageThatSaysSoAndAViolationFlaggedIncomplete() throws Exception {
        RedLightViolation v = HanoiFootage.event(HanoiFootage.violations().getFirst(), 41); // crossing at frame 116
        // A 7 s ring read when frame 165 (8.2 s after the crossing) was the newest: frames 123.. are left.
        FrameRing ring = ringUpTo(Duration.ofSeconds(7), 165);
        assertThat(ring.snapshot().getFirst().sequence()).isGreaterThan(117);

        RedLightViolation published = stage(ring, EvidenceSettings.defaults()).process(v);

        JsonNode evidence = published.evidence();
        assertThat(evidence.get("complete").asBoolean()).isFalse();
        assertThat(evidence.get("problems").toString()).contains("frame_at.jpg left out", "frame_before.jpg left out");
        // never another frame stamped as the crossing: the photos that cannot be true are not in the package
        String key = evidence.get("key").asText();
        assertThat(storage.store().exists(key + "frame_at.jpg")).isFalse();
        assertThat(storage.store().exists(key + "frame_before.jpg")).isFalse();
        assertThat(storage.store().exists(key + "vehicle.jpg")).isFalse();
        assertThat(evidence.get("photos").toString()).doesNotContain("frame_at.jpg");
        assertThat(storage.verify(key).ok()).isTrue(); // what it holds is signed and intact

        JsonNode m = metadata(published);
        assertThat(m.get("complete").asBoolean()).isFalse();
        assertThat(m.at("/photos/1/role").asText()).isEqualTo("at");
        assertThat(m.at("/photos/1/missing").asBoolean()).isTrue();
        assertThat(m.at("/photos/1/reason").asText()).contains("no frame within one frame period",
                "the ring holds frames " + ring.snapshot().getFirst().sequence());
        assertThat(m.get("problems").toString()).contains("clip.mp4 covers only");
        // the photo that the ring still holds (after) is there, and from its moment
        JsonNode after = m.at("/photos/2");
        assertThat(after.get("missing").asBoolean()).isFalse();
        assertWithinOneFramePeriod(after);
        assertThat(registry.counter("pantau.evidence.incomplete").count()).isEqualTo(1);
    }

    @Test
    void aRingSizedFromTheEvidenceWindowAndTheLagKeepsEveryPhotoAtItsMoment() throws Exception {
        RedLightViolation v = HanoiFootage.event(HanoiFootage.violations().getFirst(), 41);
        // the violation reaches the stage 8.8 s after its crossing (frame 169 is the newest then)
        EvidenceSettings lagging = new EvidenceSettings(EvidenceSettings.JAKARTA, Duration.ofSeconds(6),
                Duration.ofSeconds(6), 0.92f, List.of("yolox_nano"), Duration.ofSeconds(9));
        FrameRing oldDefault = ringUpTo(Duration.ofSeconds(10), 169);
        FrameRing sized = new FrameRing(Duration.ofSeconds(10), 64L << 20);
        assertThat(sized.ensureWindow(lagging.requiredRingWindow())).isEqualTo(Duration.ofSeconds(6 + 9 + 2));
        for (RingFrame f : ringUpTo(Duration.ofSeconds(60), 169).snapshot()) {
            sized.add(f);
        }

        RedLightViolation tooSmall = stage(oldDefault, lagging).process(v);
        assertThat(tooSmall.evidence().get("complete").asBoolean()).as("a 10 s ring read 8.8 s late").isFalse();

        RedLightViolation other = HanoiFootage.event(HanoiFootage.violations().getFirst(), 43);
        RedLightViolation published = stage(sized, lagging).process(other);
        assertThat(published.evidence().get("complete").asBoolean())
                .as(published.evidence().get("problems").toString()).isTrue();
        assertThat(published.evidence().get("photos")).hasSize(5);
        JsonNode m = metadata(published);
        assertThat(m.get("complete").asBoolean()).isTrue();
        assertThat(m.get("photos")).hasSize(3);
        for (JsonNode p : m.get("photos")) {
            assertThat(p.get("missing").asBoolean()).isFalse();
            assertWithinOneFramePeriod(p);
        }
        assertThat(m.at("/photos/1/frame").asLong()).isEqualTo(116);
        assertThat(m.at("/photos/0/frame").asLong()).isEqualTo(110);
        assertThat(m.at("/photos/2/frame").asLong()).isEqualTo(122);
    }

    @Test
    void framesPinnedWhenTheViolationArrivesSurviveABacklogThatOutlastsTheRing() throws Exception {
        RedLightViolation v = HanoiFootage.event(HanoiFootage.violations().getFirst(), 45);
        FrameRing ring = new FrameRing(Duration.ofSeconds(8), 64L << 20);
        EvidenceStage stage = stage(ring, EvidenceSettings.defaults());
        feed(ring, 0, 120);   // the violation arrives 0.7 s after its crossing: the ring holds 12.0 .. 20.0 s
        stage.pin(v);
        feed(ring, 121, 170); // packaging waits (a backlog) until 9 s after the crossing: frames 110, 116 evicted
        assertThat(ring.snapshot().getFirst().sequence()).isGreaterThan(116);

        RedLightViolation published = stage.process(v);
        assertThat(published.evidence().get("complete").asBoolean())
                .as(published.evidence().get("problems").toString()).isTrue();
        JsonNode m = metadata(published);
        assertThat(m.at("/photos/0/frame").asLong()).isEqualTo(110);
        assertThat(m.at("/photos/1/frame").asLong()).isEqualTo(116);
        assertThat(m.at("/photos/2/frame").asLong()).isEqualTo(122);
        for (JsonNode p : m.get("photos")) {
            assertWithinOneFramePeriod(p);
        }
        assertThat(m.at("/clip/before_crossing_s").asDouble()).isGreaterThanOrEqualTo(6.0);
        assertThat(m.at("/clip/after_crossing_s").asDouble()).isGreaterThanOrEqualTo(6.0);

        // the same backlog without the pin: the crossing is gone, and the package says so
        RedLightViolation unpinned = HanoiFootage.event(HanoiFootage.violations().getFirst(), 46);
        assertThat(stage.process(unpinned).evidence().get("complete").asBoolean()).isFalse();
    }

    private static void feed(FrameRing ring, long from, long to) {
        for (ClipFrame f : HanoiFootage.frames()) {
            if (f.sequence() >= from && f.sequence() <= to) {
                ring.add(new RingFrame(CAMERA, f.sequence(), f.time(), 0, 640, 480, f.jpeg()));
            }
        }
    }

    private static void assertWithinOneFramePeriod(JsonNode photo) {
        Instant stated = OffsetDateTime.parse(photo.get("stated_at").asText()).toInstant();
        Instant captured = OffsetDateTime.parse(photo.get("captured_at").asText()).toInstant();
        assertThat(Math.abs(Duration.between(stated, captured).toNanos() / 1e6))
                .as("%s photo: captured %s, stated moment %s", photo.get("role").asText(), captured, stated)
                .isLessThanOrEqualTo(FRAME_PERIOD_MS);
    }
}
