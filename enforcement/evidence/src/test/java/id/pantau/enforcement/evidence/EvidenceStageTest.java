package id.pantau.enforcement.evidence;

import id.pantau.storage.testing.S3ProxyServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.asset.Assets;
import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.evidence.Sha256;
import id.pantau.storage.signing.Ed25519SignatureVerifier;
import id.pantau.storage.verify.VerifyEvidence;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.signing.PemKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage on the in-process bus: analytics events in, violations with evidence out on pantau.violations; a
 * redelivered event gives the same package and event id; a violation whose track is gone still goes out.
 */
class EvidenceStageTest {
    /** The stage runs an hour after the footage was captured: the frames after each crossing exist. */
    private static final Clock LATER = Clock.fixed(HanoiFootage.T0.plusSeconds(3600), ZoneOffset.UTC);
    @TempDir
    Path tmp;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventCodec codec = new EventCodec();
    private final List<RedLightViolation> published = new CopyOnWriteArrayList<>();
    private final List<CameraId> asked = new CopyOnWriteArrayList<>();
    private InProcessEventBus bus;
    private EvidenceStorage storage;
    private EvidenceStage stage;
    private Path priv;
    private Path pub;
    private FrameSource ring;
    private VehicleSightings tracker;

    @BeforeEach
    void start() {
        priv = tmp.resolve("evidence-signing.pem");
        pub = tmp.resolve("evidence-signing.pub.pem");
        PemKeys.generateEd25519(priv, pub);
        storage = EvidenceStorage.open(EvidenceStoreConfig.local(tmp.resolve("evidence"), tmp.resolve("spool"), priv,
                pub).withSpoolMinFreeMb(1), registry);
        bus = new InProcessEventBus(100, Duration.ofMillis(50));
        EvidenceAssembler assembler = new EvidenceAssembler(storage, Assets.defaults(), EvidenceSettings.defaults(),
                registry);
        ring = (camera, from, to) -> {
            asked.add(camera);
            return HanoiFootage.between(from, to);
        };
        tracker = v -> v.trackId() == 41
                ? Optional.of(new VehicleSightings.Sighting(EvidenceAssemblerTest.MOTORCYCLE, Optional.of(
                        new PlateEvidence("B 1234 XY", "JAKARTA", 0.87, EvidenceAssemblerTest.PLATE, v.frames().at()))))
                : Optional.empty();
        stage = new EvidenceStage(ring, tracker, assembler, bus, registry, LATER);
        bus.subscribe(EvidenceStage.VIOLATIONS_TOPIC, "test-back-office",
                r -> published.add((RedLightViolation) codec.decode(r.value())));
    }

    @AfterEach
    void stop() {
        bus.close();
        storage.close();
    }

    @Test
    void publishesTheViolationWithItsStoredEvidenceOnceMoreForEachDelivery() {
        RedLightViolation raw = HanoiFootage.event(HanoiFootage.violations().getFirst(), 41);
        stage.subscribe("pantau.events", "evidence");
        bus.publish("pantau.events", raw.camera(), codec.encode(raw));
        await().atMost(Duration.ofSeconds(60)).until(() -> published.size() == 1);

        RedLightViolation out = published.getFirst();
        assertThat(out.eventId()).isEqualTo(raw.eventId());
        assertThat(asked).containsOnly(CameraId.of(HanoiFootage.CAMERA)); // pinned on arrival, read when packaged
        JsonNode evidence = out.evidence();
        String key = evidence.get("key").asText();
        assertThat(key).startsWith("evidence/hanoi-lythuongkiet-01/2026/11/23/southbound_41_116-");
        assertThat(evidence.get("manifest_sha256").asText()).hasSize(64);
        assertThat(evidence.get("photos")).hasSize(5);
        assertThat(evidence.get("complete").asBoolean()).as(evidence.toString()).isTrue();
        assertThat(evidence.get("problems")).isEmpty();
        assertThat(out.plate().get("text").asText()).isEqualTo("B 1234 XY");
        assertThat(storage.verify(key).ok()).isTrue();
        int objects = storage.store().list("evidence/").size();

        // At-least-once: the same event again (a redelivery) gives the same package, stored once.
        bus.publish("pantau.events", raw.camera(), codec.encode(raw));
        await().atMost(Duration.ofSeconds(60)).until(() -> published.size() == 2);
        assertThat(published.get(1).eventId()).isEqualTo(raw.eventId());
        assertThat(published.get(1).evidence()).isEqualTo(evidence);
        assertThat(storage.store().list("evidence/")).hasSize(objects);
        assertThat(registry.counter("pantau.evidence.assembled", "result", "already_stored").count()).isEqualTo(1);
    }

    @Test
    void aViolationWithoutTrackOrFootageStillReachesTheBackOfficeAndBadRecordsAreSkipped() throws Exception {
        stage.subscribe("pantau.events", "evidence");
        bus.publish("pantau.events", "x", "{not json".getBytes(StandardCharsets.UTF_8));
        RedLightViolation unknownTrack = HanoiFootage.event(HanoiFootage.violations().get(2), 77);
        bus.publish("pantau.events", unknownTrack.camera(), codec.encode(unknownTrack));
        await().atMost(Duration.ofSeconds(30)).until(() -> published.size() == 1);
        assertThat(published.getFirst().eventId()).isEqualTo(unknownTrack.eventId());
        // no package, and flagged so: the back office never queues it as a complete case
        assertThat(published.getFirst().evidence().has("key")).isFalse();
        assertThat(published.getFirst().evidence().get("complete").asBoolean()).isFalse();
        assertThat(published.getFirst().evidence().get("problems").toString()).contains("track 77");
        assertThat(registry.counter("pantau.evidence.stage.unreadable").count()).isEqualTo(1);

        // Footage gone from the ring (fewer than 3 frames): published without evidence, nothing stored.
        RedLightViolation noFootage = HanoiFootage.event(HanoiFootage.violations().get(3), 41);
        EvidenceStage emptyRing = new EvidenceStage((c, from, to) -> List.of(),
                v -> Optional.of(new VehicleSightings.Sighting(EvidenceAssemblerTest.MOTORCYCLE, Optional.empty())),
                new EvidenceAssembler(storage, Assets.defaults(), EvidenceSettings.defaults(), registry), bus, registry,
                LATER);
        JsonNode none = emptyRing.process(noFootage).evidence();
        assertThat(none.get("complete").asBoolean()).isFalse();
        assertThat(none.get("problems").toString()).contains("at least 3 are needed");
        assertThat(registry.counter("pantau.evidence.unavailable").count()).isEqualTo(2);
        assertThat(storage.store().list("evidence/")).isEmpty();
        assertThat(Files.exists(tmp.resolve("evidence"))).isTrue();
        assertThat(Json.mapper().readTree(codec.encode(published.getFirst())).at("/evidence/complete").asBoolean(true))
                .isFalse();
    }

    @Test
    void duringAnS3OutageTheViolationGoesOutAndItsPackageArrivesWhenTheStoreIsBack() throws Exception {
        RedLightViolation raw = HanoiFootage.event(HanoiFootage.violations().getFirst(), 41);
        try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
            EvidenceStoreConfig config = EvidenceStoreConfig.s3(s3.endpoint(), "pantau-evidence",
                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, tmp.resolve("s3-spool"), priv, pub)
                    .withSpoolMinFreeMb(1).withTimeoutSeconds(2);
            SimpleMeterRegistry s3Metrics = new SimpleMeterRegistry();
            try (EvidenceStorage remote = EvidenceStorage.open(config, s3Metrics)) {
                EvidenceStage toS3 = new EvidenceStage(ring, tracker, new EvidenceAssembler(remote, Assets.defaults(),
                        EvidenceSettings.defaults(), registry), bus, registry, LATER);
                s3.stop();
                RedLightViolation out = toS3.process(raw);
                String key = out.evidence().get("key").asText();
                assertThat(s3Metrics.get("pantau.evidence.spool.pending").gauge().value()).isEqualTo(7 + 2);

                s3.restart();
                try (EvidenceStore target = EvidenceStorage.openTarget(config, new SimpleMeterRegistry())) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> VerifyEvidence.verifyKey(target, key,
                            new Ed25519SignatureVerifier(PemKeys.readEd25519PublicKey(pub))).ok());
                    assertThat(target.list(key)).hasSize(7 + 2);
                    // The hash published during the outage is the hash of the manifest that reached S3.
                    assertThat(out.evidence().get("manifest_sha256").asText()).isEqualTo(
                            Sha256.of(target.open(key + "manifest.json")).hex());
                }
            }
        }
    }

    @Test
    void waitsUntilTheFootageAfterTheCrossingHasBeenCaptured() throws Exception {
        RedLightViolation v = HanoiFootage.event(HanoiFootage.violations().get(2), 77); // unknown track: no assembly
        EvidenceSettings shortClip = new EvidenceSettings(EvidenceSettings.JAKARTA, Duration.ofSeconds(5),
                Duration.ofMillis(700), 0.9f, List.of("yolox_nano"));
        EvidenceStage live = new EvidenceStage(ring, tracker, new EvidenceAssembler(storage, Assets.defaults(),
                shortClip, registry), bus, registry, Clock.fixed(v.time().toInstant(), ZoneOffset.UTC));
        long start = System.nanoTime();
        live.process(v);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void packagesOnlyTheViolationsOfTheCamerasItsNodeCaptures() {
        RedLightViolation raw = HanoiFootage.event(HanoiFootage.violations().getFirst(), 41);
        EvidenceStage otherNode = new EvidenceStage(ring, tracker, new EvidenceAssembler(storage, Assets.defaults(),
                EvidenceSettings.defaults(), registry), bus, registry, LATER,
                camera -> camera.equals("some-other-camera"));
        otherNode.subscribe("pantau.events", "evidence-other-node");
        stage.subscribe("pantau.events", "evidence");
        bus.publish("pantau.events", raw.camera(), codec.encode(raw));
        await().atMost(Duration.ofSeconds(60)).until(() -> published.size() == 1);
        // the owner's package, once; the other node published nothing, not even a copy without evidence
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(published.getFirst().evidence()).isNotNull();
    }

    @Test
    void refusesToConsumeItsOwnOutputTopic() {
        assertThatThrownBy(() -> stage.subscribe(EvidenceStage.VIOLATIONS_TOPIC, "evidence"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pantau.events");
    }
}
