package id.pantau.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pantau.storage.s3.S3EvidenceStore;
import id.pantau.storage.s3.S3Settings;
import id.pantau.storage.signing.HmacSha256Key;
import id.pantau.storage.signing.SignatureStatus;
import id.pantau.storage.testing.RealEvidence;
import id.pantau.storage.testing.S3ProxyServer;
import id.pantau.storage.testing.TestKeys;
import id.pantau.storage.verify.FileStatus;
import id.pantau.storage.verify.PackageVerifier;
import id.pantau.storage.verify.VerificationReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package write, verify and tamper detection on a real S3 server (S3Proxy) with real evidence files. */
class PackageWriteVerifyS3Test {
    private static final Instant AT = Instant.parse("2026-11-23T01:15:30Z"); // 08:15:30 WIB

    @TempDir
    static Path tmp;
    static S3ProxyServer server;
    static S3EvidenceStore store;
    static MinioClient attacker;
    static TestKeys keys;
    static PackageWriter writer;
    static PackageVerifier verifier;

    @BeforeAll
    static void setUp() throws Exception {
        server = S3ProxyServer.start(tmp.resolve("s3"));
        store = new S3EvidenceStore(new S3Settings(server.endpoint(), "evidence", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, null, 0, Duration.ofSeconds(5)), new SimpleMeterRegistry());
        // Someone with bucket credentials who edits objects behind Pantau's back.
        attacker = MinioClient.builder().endpoint(server.endpoint().toString())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
        keys = TestKeys.create(tmp);
        writer = new PackageWriter(store, keys.signer(), new PackageLayout(ZoneId.of("Asia/Jakarta")),
                Clock.systemUTC(), new SimpleMeterRegistry());
        verifier = new PackageVerifier(store, keys.verifier());
    }

    @AfterAll
    static void tearDown() throws Exception {
        store.close();
        attacker.close();
        server.close();
    }

    @Test
    void writtenPackageHasDeterministicKeysAndVerifiesOk() {
        StoredPackage stored = writer.write(RealEvidence.withClip("V-20261123-0001", AT));

        assertThat(stored.prefix()).isEqualTo("evidence/jambi-simpang-bata-01/2026/11/23/V-20261123-0001/");
        assertThat(store.list(stored.prefix())).containsExactly(
                stored.prefix() + "clip.mp4", stored.prefix() + "crops/plate.jpg", stored.prefix() + "frames/0001.jpg",
                stored.prefix() + "manifest.json", stored.prefix() + "manifest.json.sig", stored.prefix() + "metadata.json");
        ManifestEntry clip = stored.manifest().byName().get("clip.mp4");
        assertThat(clip.size()).isEqualTo(3_232_727L);
        // The sha256 recorded in ../shared/data/MANIFEST.md for this clip.
        assertThat(clip.sha256()).isEqualTo("e5200b0ca94cd9a4dfcf2079ea135c81b85c38ff202d97043c4567dd8fb1392b");

        VerificationReport report = verifier.verify(stored.prefix());
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.signature()).isEqualTo(SignatureStatus.VALID);
        assertThat(report.files()).hasSize(4).allMatch(f -> f.status() == FileStatus.OK);
        assertThat(report.toString()).contains(": OK").contains("4 of 4 files OK");
    }

    @Test
    void rewritingTheSamePackageIsIdempotentAndDifferentContentIsRefused() {
        StoredPackage first = writer.write(RealEvidence.plateViolation("V-idem", AT, 10));
        List<String> before = store.list(first.prefix());

        StoredPackage again = writer.write(RealEvidence.plateViolation("V-idem", AT, 10));
        assertThat(again.alreadyStored()).isTrue();
        assertThat(store.list(first.prefix())).isEqualTo(before);

        assertThatThrownBy(() -> writer.write(RealEvidence.plateViolation("V-idem", AT, 11)))
                .isInstanceOf(EvidenceConflictException.class)
                .hasMessageContaining(first.prefix())
                .hasMessageContaining("never overwritten");
        assertThat(verifier.verify(first.prefix()).ok()).isTrue();
    }

    @Test
    void alteredObjectIsReportedAsExactlyThatFile() {
        StoredPackage p = writer.write(RealEvidence.plateViolation("V-altered", AT, 20));
        // Swap the plate crop for another real plate: a plausible forgery.
        byte[] other = RealEvidence.read(RealEvidence.plateCrops().get(40));
        store.put(p.prefix() + "crops/plate.jpg", other, "image/jpeg");

        VerificationReport r = verifier.verify(p.prefix());
        assertThat(r.ok()).isFalse();
        assertThat(r.signature()).isEqualTo(SignatureStatus.VALID);
        assertThat(r.withStatus(FileStatus.ALTERED)).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("crops/plate.jpg");
            assertThat(f.detail()).contains("expected").contains("found " + other.length + " bytes");
        });
        assertThat(r.withStatus(FileStatus.OK)).extracting(c -> c.name())
                .containsExactlyInAnyOrder("frames/0001.jpg", "metadata.json");
        assertThat(r.toString()).contains("NOT OK").contains("ALTERED    crops/plate.jpg");
    }

    @Test
    void deletedObjectIsReportedMissingAndAnAddedOneUnexpected() throws Exception {
        StoredPackage p = writer.write(RealEvidence.plateViolation("V-missing", AT, 30));
        attacker.removeObject(RemoveObjectArgs.builder().bucket("evidence").object(p.prefix() + "frames/0001.jpg").build());
        store.put(p.prefix() + "frames/0002.jpg", RealEvidence.read(RealEvidence.plateCrops().get(1)), "image/jpeg");

        VerificationReport r = verifier.verify(p.prefix());
        assertThat(r.ok()).isFalse();
        assertThat(r.withStatus(FileStatus.MISSING)).extracting(c -> c.name()).containsExactly("frames/0001.jpg");
        assertThat(r.withStatus(FileStatus.UNEXPECTED)).extracting(c -> c.name()).containsExactly("frames/0002.jpg");
        assertThat(r.withStatus(FileStatus.ALTERED)).isEmpty();
    }

    @Test
    void editedManifestBreaksTheSignature() {
        StoredPackage p = writer.write(RealEvidence.plateViolation("V-forged", AT, 50));
        // A forger replaces a file AND updates its hash in the manifest: the files check out, the signature not.
        byte[] forged = RealEvidence.read(RealEvidence.plateCrops().get(60));
        store.put(p.prefix() + "crops/plate.jpg", forged, "image/jpeg");
        String manifest = new String(store.get(p.manifestKey()), StandardCharsets.UTF_8);
        ManifestEntry old = p.manifest().byName().get("crops/plate.jpg");
        String sha = sha256(forged);
        manifest = manifest.replace(old.sha256(), sha).replace("\"size\" : " + old.size(), "\"size\" : " + forged.length);
        store.put(p.manifestKey(), manifest.getBytes(StandardCharsets.UTF_8), "application/json");

        VerificationReport r = verifier.verify(p.prefix());
        assertThat(r.files()).allMatch(f -> f.status() == FileStatus.OK);
        assertThat(r.signature()).isEqualTo(SignatureStatus.INVALID);
        assertThat(r.ok()).isFalse();
    }

    @Test
    void packageSignedWithAnotherKeyIsNotTrusted() {
        TestKeys other = TestKeys.create(tmp.resolve("other"));
        PackageWriter rogue = new PackageWriter(store, other.signer(), new PackageLayout(ZoneId.of("Asia/Jakarta")),
                Clock.systemUTC(), new SimpleMeterRegistry());
        StoredPackage p = rogue.write(RealEvidence.plateViolation("V-rogue", AT, 70));

        VerificationReport r = verifier.verify(p.prefix());
        assertThat(r.signature()).isEqualTo(SignatureStatus.UNKNOWN_KEY);
        assertThat(r.signatureDetail()).contains("trusted: Ed25519 public key");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void hmacSignedPackagesVerifyWithTheSameKeyOnly() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        HmacSha256Key key = new HmacSha256Key(secret);
        PackageWriter hmacWriter = new PackageWriter(store, key, new PackageLayout(ZoneId.of("Asia/Jakarta")),
                Clock.systemUTC(), new SimpleMeterRegistry());
        StoredPackage p = hmacWriter.write(RealEvidence.plateViolation("V-hmac", AT, 80));

        assertThat(new PackageVerifier(store, key).verify(p.prefix()).ok()).isTrue();
        byte[] wrong = secret.clone();
        wrong[0] ^= 1;
        assertThat(new PackageVerifier(store, new HmacSha256Key(wrong)).verify(p.prefix()).signature())
                .isEqualTo(SignatureStatus.UNKNOWN_KEY);
        assertThat(verifier.verify(p.prefix()).signature()).isEqualTo(SignatureStatus.UNKNOWN_KEY);
    }

    @Test
    void packageWithoutManifestIsIncompleteNotOk() {
        String prefix = "evidence/jambi-simpang-bata-01/2026/11/23/V-half/";
        store.put(prefix + "crops/plate.jpg", RealEvidence.read(RealEvidence.plateCrops().get(2)), "image/jpeg");

        VerificationReport r = verifier.verify(prefix);
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("incomplete");
        assertThat(r.withStatus(FileStatus.UNEXPECTED)).extracting(c -> c.name()).containsExactly("crops/plate.jpg");
        assertThat(verifier.verify("evidence/nothing/here/").problem()).contains("no package here");
    }

    private static String sha256(byte[] b) {
        try {
            return Sha256.of(new java.io.ByteArrayInputStream(b)).hex();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
