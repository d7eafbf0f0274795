package id.pantau.storage.verify;

import static org.assertj.core.api.Assertions.assertThat;

import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.evidence.StoredPackage;
import id.pantau.storage.testing.RealEvidence;
import id.pantau.storage.testing.S3ProxyServer;
import id.pantau.storage.testing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI entry: verify by local folder path or by key in the configured store. */
class VerifyEvidenceTest {
    private static final Instant AT = Instant.parse("2026-11-22T18:30:00Z"); // 01:30 WIB on the 23rd

    @TempDir
    Path tmp;

    @Test
    void verifiesALocalPackageFolderByPathAndByKey() throws Exception {
        TestKeys keys = TestKeys.create(tmp.resolve("keys"));
        EvidenceStoreConfig config = EvidenceStoreConfig.local(tmp.resolve("evidence"), null, keys.privatePem(),
                keys.publicPem());
        StoredPackage p;
        try (EvidenceStorage storage = EvidenceStorage.open(config, new SimpleMeterRegistry())) {
            p = storage.write(RealEvidence.withClip("V-cli-1", AT));
        }
        assertThat(p.prefix()).isEqualTo("evidence/jambi-simpang-bata-01/2026/11/23/V-cli-1/");

        Path folder = tmp.resolve("evidence").resolve(p.prefix());
        VerificationReport byPath = VerifyEvidence.verify(folder.toString(), config);
        assertThat(byPath.ok()).as(byPath.toString()).isTrue();
        assertThat(byPath.files()).hasSize(4);

        VerificationReport byKey = VerifyEvidence.verify(p.manifestKey(), config);
        assertThat(byKey.ok()).as(byKey.toString()).isTrue();
        assertThat(byKey.location()).startsWith(p.prefix());

        // Truncate the clip on disk: the report names it and is not ok.
        Path clip = folder.resolve("clip.mp4");
        byte[] bytes = Files.readAllBytes(clip);
        Files.write(clip, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        VerificationReport altered = VerifyEvidence.verify(folder.toString(), config);
        assertThat(altered.ok()).isFalse();
        assertThat(altered.withStatus(FileStatus.ALTERED)).extracting(FileCheck::name).containsExactly("clip.mp4");
        assertThat(altered.toString()).contains("NOT OK").contains("ALTERED    clip.mp4")
                .contains("expected 3232727 bytes").contains("found 3231727 bytes").contains("3 of 4 files OK");
    }

    @Test
    void verifiesByKeyInAnS3Store() throws Exception {
        TestKeys keys = TestKeys.create(tmp.resolve("keys"));
        try (S3ProxyServer server = S3ProxyServer.start(tmp.resolve("s3"))) {
            EvidenceStoreConfig config = EvidenceStoreConfig.s3(server.endpoint(), "evidence", S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY, tmp.resolve("spool"), keys.privatePem(), keys.publicPem());
            StoredPackage p;
            try (EvidenceStorage storage = EvidenceStorage.open(config, new SimpleMeterRegistry())) {
                p = storage.write(RealEvidence.plateViolation("V-cli-s3", AT, 9));
            }
            VerificationReport r = VerifyEvidence.verify(p.prefix(), config);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.location()).contains("S3 bucket 'evidence' at " + server.endpoint());

            VerificationReport none = VerifyEvidence.verify("evidence/jambi-simpang-bata-01/2026/11/23/V-nope/", config);
            assertThat(none.ok()).isFalse();
            assertThat(none.problem()).contains("no package here");
        }
    }

    @Test
    void hmacConfiguredStorageSignsAndVerifiesWithTheSharedSecret() throws Exception {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Path keyFile = tmp.resolve("evidence-hmac.key");
        Files.writeString(keyFile, java.util.Base64.getEncoder().encodeToString(secret));
        EvidenceStoreConfig config = EvidenceStoreConfig.local(tmp.resolve("evidence"), tmp.resolve("spool"), null, null)
                .withHmacKey(keyFile);
        StoredPackage p;
        try (EvidenceStorage storage = EvidenceStorage.open(config, new SimpleMeterRegistry())) {
            p = storage.write(RealEvidence.plateViolation("V-hmac-cli", AT, 4));
            assertThat(storage.verify(p.prefix()).ok()).isTrue();
        }
        VerificationReport r = VerifyEvidence.verify(p.prefix(), config);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.signatureDetail()).startsWith("HMAC-SHA256, key hmac:");
    }

    @Test
    void unreachableStoreOrBadConfigGiveAReportNotAStackTrace() throws Exception {
        TestKeys keys = TestKeys.create(tmp.resolve("keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EvidenceStoreConfig down = EvidenceStoreConfig.s3(URI.create("http://127.0.0.1:" + port), "evidence", "a", "b",
                null, keys.privatePem(), keys.publicPem()).withTimeoutSeconds(2);
        VerificationReport r = VerifyEvidence.verify("evidence/cam/2026/11/23/V-1/", down);
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("cannot reach S3 bucket 'evidence' at http://127.0.0.1:" + port);
        assertThat(r.toString()).contains("NOT OK").contains("problem:");

        EvidenceStoreConfig noKey = EvidenceStoreConfig.local(tmp, null, null, tmp.resolve("missing.pem"));
        VerificationReport bad = VerifyEvidence.verify(tmp.toString(), noKey);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.problem()).contains("signingPublicKey: " + tmp.resolve("missing.pem") + " does not exist");
    }
}
