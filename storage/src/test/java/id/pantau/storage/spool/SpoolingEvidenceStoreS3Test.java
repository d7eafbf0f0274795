package id.pantau.storage.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.pantau.storage.evidence.EvidencePackage;
import id.pantau.storage.evidence.Manifest;
import id.pantau.storage.evidence.PackageLayout;
import id.pantau.storage.evidence.PackageWriter;
import id.pantau.storage.s3.S3EvidenceStore;
import id.pantau.storage.s3.S3Settings;
import id.pantau.storage.testing.ReadOnlyFolder;
import id.pantau.storage.testing.RealEvidence;
import id.pantau.storage.testing.S3ProxyServer;
import id.pantau.storage.testing.TestKeys;
import id.pantau.storage.verify.PackageVerifier;
import id.pantau.storage.verify.VerificationReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool in front of a real S3 server (S3Proxy) that goes down and comes back. */
class SpoolingEvidenceStoreS3Test {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SpoolingEvidenceStoreS3Test.class);
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    private static final int OBJECTS_PER_PACKAGE = 5; // 3 files + manifest.json + manifest.json.sig

    @TempDir
    Path tmp;
    S3ProxyServer server;
    MeterRegistry registry;
    TestKeys keys;

    @BeforeEach
    void start() throws Exception {
        server = S3ProxyServer.start(tmp.resolve("s3"));
        registry = new SimpleMeterRegistry();
        keys = TestKeys.create(tmp.resolve("keys"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private S3EvidenceStore s3() {
        return new S3EvidenceStore(new S3Settings(server.endpoint(), "evidence", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, null, 0, Duration.ofSeconds(2)), registry);
    }

    private SpoolingEvidenceStore spooled(Path spoolDir, long minFreeBytes) {
        return new SpoolingEvidenceStore(s3(), new SpoolSettings(spoolDir, minFreeBytes, Duration.ofMillis(50),
                Duration.ofMillis(400)), Clock.systemUTC(), registry);
    }

    private PackageWriter writer(SpoolingEvidenceStore store) {
        return new PackageWriter(store, keys.signer(), new PackageLayout(ZoneId.of("Asia/Jakarta")), Clock.systemUTC(),
                registry);
    }

    private static EvidencePackage pkg(int i) {
        return RealEvidence.plateViolation("V-%04d".formatted(i), T0.plusSeconds(37L * i), i);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    /**
     * THE outage test: a producer writes a stream of packages; the S3 server is stopped while it runs (so some
     * package is cut in the middle) and restarted on the same port with the same data. Every package must end
     * up complete and verifiable, each object stored once, and the spool empty.
     */
    @Test
    void serverStoppedMidStreamThenRestartedLosesNothingAndDuplicatesNothing() throws Exception {
        int packages = 24;
        Path spoolDir = tmp.resolve("spool");
        List<String> prefixes = new CopyOnWriteArrayList<>();
        List<Throwable> producerErrors = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();

        try (SpoolingEvidenceStore store = spooled(spoolDir, 0)) {
            PackageWriter writer = writer(store);
            Thread producer = Thread.ofPlatform().name("camera").start(() -> {
                for (int i = 0; i < packages && !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        prefixes.add(writer.write(pkg(i)).prefix());
                        done.incrementAndGet();
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Throwable t) {
                        producerErrors.add(t);
                    }
                }
            });
            try {
                long t0 = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= 6);
                long upMs = (System.nanoTime() - t0) / 1_000_000;
                server.stop();
                int atStop = done.get();
                // Keep it down while the producer writes several packages (they can only go to the spool).
                await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= atStop + 6);
                // Packages begun after the stop are wholly spooled; the one in flight at the stop may be split.
                int pendingNow = store.pendingCount();
                assertThat(pendingNow).isGreaterThanOrEqualTo(5 * OBJECTS_PER_PACKAGE);
                assertThat(registry.get("pantau.evidence.spool.pending").gauge().value()).isGreaterThanOrEqualTo(pendingNow);
                assertThat(store.oldestPendingAge()).isPositive();
                server.restart();
                long restarted = System.nanoTime();

                producer.join(Duration.ofSeconds(60));
                assertThat(producerErrors).isEmpty();
                assertThat(store.awaitDrained(Duration.ofSeconds(60))).as("spool drained").isTrue();
                // Figures for the report, not asserted (timing depends on the machine's load).
                log.info("outage figures: first {} packages direct in {} ms; {} objects spooled in all; spool drained {} ms"
                                + " after the restart", atStop, upMs, (long) counter("pantau.evidence.spool.spooled"),
                        (System.nanoTime() - restarted) / 1_000_000);
                assertThat(counter("pantau.evidence.spool.spooled")).isGreaterThanOrEqualTo(5 * OBJECTS_PER_PACKAGE);
                assertThat(counter("pantau.evidence.spool.uploads")).isEqualTo(counter("pantau.evidence.spool.spooled"));
                assertThat(counter("pantau.evidence.spool.upload.failures")).isPositive();
            } finally {
                // A failed assertion must not leave the producer writing into the temp folder.
                producer.interrupt();
                producer.join(Duration.ofSeconds(10));
            }
        }

        assertThat(prefixes).hasSize(packages).doesNotHaveDuplicates();
        try (S3EvidenceStore fresh = s3()) {
            List<String> all = fresh.list("evidence/");
            Set<String> expected = new HashSet<>();
            for (String p : prefixes) {
                for (String n : List.of("crops/plate.jpg", "frames/0001.jpg", "metadata.json", "manifest.json",
                        "manifest.json.sig")) {
                    expected.add(p + n);
                }
            }
            // Exactly the expected objects: none lost, no second copy under another name.
            assertThat(all).hasSize(packages * OBJECTS_PER_PACKAGE);
            assertThat(new HashSet<>(all)).isEqualTo(expected);

            PackageVerifier verifier = new PackageVerifier(fresh, keys.verifier());
            List<String> notOk = new ArrayList<>();
            for (String p : prefixes) {
                VerificationReport r = verifier.verify(p);
                Manifest m = Manifest.parse(fresh.get(p + PackageLayout.MANIFEST));
                if (!r.ok() || m.files().size() != 3) {
                    notOk.add(r.toString());
                }
            }
            assertThat(notOk).isEmpty();
        }
        assertThat(spoolEntries(spoolDir)).isEmpty();
        assertThat(registry.get("pantau.evidence.packages.written").counter().count()).isEqualTo(packages);
    }

    @Test
    void spoolSurvivesAProcessRestartAndDropsOnlyWritesThatNeverCompleted() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        List<String> prefixes = new ArrayList<>();
        server.stop();
        try (SpoolingEvidenceStore store = spooled(spoolDir, 0)) {
            PackageWriter writer = writer(store);
            for (int i = 0; i < 4; i++) {
                prefixes.add(writer.write(pkg(100 + i)).prefix());
            }
            assertThat(store.pendingCount()).isEqualTo(4 * OBJECTS_PER_PACKAGE);
            // Spooled objects are readable before they reach S3.
            assertThat(store.get(prefixes.get(0) + "metadata.json")).asString().contains("V-0100");
            assertThat(store.exists(prefixes.get(3) + "manifest.json")).isTrue();
        }
        // What a crash in the middle of a spool write leaves behind: data without its commit file, a temp part.
        Files.write(spoolDir.resolve("0000000000000000999.bin"), new byte[] {1, 2, 3});
        Files.write(spoolDir.resolve("0000000000000001000.json.part"), new byte[] {4});
        assertThat(spoolEntries(spoolDir)).hasSize(4 * OBJECTS_PER_PACKAGE * 2 + 2);

        server.restart();
        try (SpoolingEvidenceStore restarted = spooled(spoolDir, 0)) {
            assertThat(restarted.awaitDrained(Duration.ofSeconds(30))).isTrue();
            PackageVerifier verifier = new PackageVerifier(restarted, keys.verifier());
            for (String p : prefixes) {
                assertThat(verifier.verify(p).ok()).as(p).isTrue();
            }
            assertThat(restarted.list("evidence/")).hasSize(4 * OBJECTS_PER_PACKAGE);
            // The gauge follows the running instance, not the closed one that still had 20 waiting.
            assertThat(registry.get("pantau.evidence.spool.pending").gauge().value()).isZero();
        }
        assertThat(spoolEntries(spoolDir)).isEmpty();
    }

    @Test
    void readOnlySpoolGivesAClearErrorAndAnAlertMetric() throws Exception {
        Path spoolDir = tmp.resolve("ro-spool");
        try (ReadOnlyFolder ro = ReadOnlyFolder.of(spoolDir);
             SpoolingEvidenceStore store = spooled(spoolDir, 0)) {
            // Noticed at start already, before any evidence depends on it.
            assertThat(registry.get("pantau.evidence.spool.errors").tag("reason", "not_writable").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("pantau.evidence.spool.writable").gauge().value()).isZero();

            // While S3 is up, evidence still goes straight there.
            PackageWriter writer = writer(store);
            String prefix = writer.write(pkg(200)).prefix();
            assertThat(store.list(prefix)).hasSize(OBJECTS_PER_PACKAGE);

            server.stop();
            assertThatThrownBy(() -> writer.write(pkg(201)))
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining(spoolDir.toAbsolutePath().toString())
                    .hasMessageContaining("read-only or not writable")
                    .hasMessageContaining("cannot reach S3 bucket 'evidence'")
                    .satisfies(e -> assertThat(((SpoolException) e).reason()).isEqualTo(SpoolException.Reason.NOT_WRITABLE));
            assertThat(registry.get("pantau.evidence.spool.errors").tag("reason", "not_writable").counter().count())
                    .isEqualTo(2);
            assertThat(store.health().up()).isFalse();
            assertThat(store.health().detail()).contains(spoolDir.toAbsolutePath().toString());
        }
    }

    @Test
    void fullSpoolDiskIsRefusedWithAClearErrorBeforeWriting() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        Files.createDirectories(spoolDir);
        long reserve = Files.getFileStore(spoolDir).getUsableSpace() + (1L << 30);
        try (SpoolingEvidenceStore store = spooled(spoolDir, reserve)) {
            server.stop();
            assertThatThrownBy(() -> writer(store).write(pkg(300)))
                    .isInstanceOf(SpoolException.class)
                    .hasMessageContaining("evidence spool " + spoolDir.toAbsolutePath() + " is full")
                    .hasMessageContaining("spoolMinFreeMb")
                    .hasMessageContaining("Nothing was written");
            assertThat(registry.get("pantau.evidence.spool.errors").tag("reason", "disk_full").counter().count())
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(spoolEntries(spoolDir)).isEmpty();
    }

    @Test
    void damagedSpoolEntriesAreQuarantinedNotUploadedNorDeletedAndDoNotBlockTheRest() throws Exception {
        Path spoolDir = tmp.resolve("spool");
        server.stop();
        try (SpoolingEvidenceStore store = spooled(spoolDir, 0)) {
            store.put("evidence/cam/v1/crops/plate.jpg", RealEvidence.read(RealEvidence.plateCrops().get(7)), "image/jpeg");
            store.put("evidence/cam/v1/frames/0001.jpg", RealEvidence.read(RealEvidence.plateCrops().get(8)), "image/jpeg");
            store.put("evidence/cam/v1/metadata.json", "{\"v\":1}".getBytes(), "application/json");
        }
        List<Path> bins;
        try (Stream<Path> s = Files.list(spoolDir)) {
            bins = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        byte[] b = Files.readAllBytes(bins.get(0));
        b[b.length / 2] ^= 0x20; // one flipped bit on disk
        Files.write(bins.get(0), b);
        Path secondMeta = Path.of(bins.get(1).toString().replace(".bin", ".json"));
        Files.writeString(secondMeta, Files.readString(secondMeta).replace("evidence/cam/v1/frames", "evidence/../frames"));

        server.restart();
        try (SpoolingEvidenceStore store = spooled(spoolDir, 0)) {
            assertThat(store.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(store.get("evidence/cam/v1/metadata.json")).asString().isEqualTo("{\"v\":1}");
            assertThat(store.exists("evidence/cam/v1/crops/plate.jpg")).isFalse();
            assertThat(store.list("evidence/")).containsExactly("evidence/cam/v1/metadata.json");
            assertThat(registry.get("pantau.evidence.spool.errors").tag("reason", "corrupt").counter().count()).isEqualTo(2);
            assertThat(registry.get("pantau.evidence.spool.writable").gauge().value()).isEqualTo(1);
        }
        assertThat(spoolDir.resolve("quarantine").resolve(bins.get(0).getFileName())).exists();
        assertThat(spoolDir.resolve("quarantine").resolve(bins.get(1).getFileName())).exists();
        assertThat(spoolDir.resolve("quarantine").resolve(secondMeta.getFileName())).exists();
    }

    private static List<Path> spoolEntries(Path spoolDir) throws IOException {
        try (Stream<Path> s = Files.list(spoolDir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
