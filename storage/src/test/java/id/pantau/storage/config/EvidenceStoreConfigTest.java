package id.pantau.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pantau.core.json.Json;
import id.pantau.storage.testing.TestKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceStoreConfigTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheYamlSectionWithDefaults() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        String yaml = """
                type: s3
                endpoint: http://127.0.0.1:9000
                bucket: pantau-evidence
                accessKey: pantau
                secretKey: s3cr3t-value
                spoolDir: %s
                signingPrivateKey: %s
                signingPublicKey: %s
                retentionDays: 365
                """.formatted(tmp.resolve("spool"), keys.privatePem(), keys.publicPem());
        EvidenceStoreConfig c = Json.yaml().readValue(yaml, EvidenceStoreConfig.class).requireValid();
        assertThat(c.signing()).isEqualTo("ed25519");
        assertThat(c.zone()).isEqualTo("Asia/Jakarta");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.spoolSettings().minFreeBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(c.s3Settings().retentionDays()).isEqualTo(365);
        assertThat(c.toString()).doesNotContain("s3cr3t-value");
        assertThat(c.s3Settings().toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void everyProblemIsReportedWithItsFieldName() {
        String yaml = """
                type: s3
                endpoint: ftp://storage
                bucket: Evidence_Bucket
                signing: rsa
                retentionDays: -1
                zone: Mars/Olympus
                """;
        assertThatThrownBy(() -> Json.yaml().readValue(yaml, EvidenceStoreConfig.class).requireValid())
                .isInstanceOf(InvalidEvidenceConfigException.class)
                .satisfies(e -> assertThat(((InvalidEvidenceConfigException) e).problems()).extracting(p -> p.split(":")[0])
                        .containsExactly("endpoint", "bucket", "accessKey", "secretKey", "signing", "retentionDays", "zone"))
                .hasMessageContaining("endpoint: 'ftp://storage' is not an http(s) URL")
                .hasMessageContaining("bucket: 'Evidence_Bucket' is not a valid bucket name");
    }

    @Test
    void localNeedsAFolderAndKeysThatExist() {
        EvidenceStoreConfig c = new EvidenceStoreConfig("local", null, null, null, null, null, null, null, null,
                null, tmp.resolve("nope.pem"), null, null, null, null, null);
        assertThat(c.problems(true)).containsExactly(
                "dir: missing; the folder for evidence is required when type is local",
                "signingPrivateKey: " + tmp.resolve("nope.pem") + " does not exist or is not readable",
                "signingPublicKey: missing; the path of the Ed25519 public key PEM is required");
        // Verification needs no private key.
        assertThat(c.problems(false)).noneMatch(p -> p.startsWith("signingPrivateKey"));
    }

    @Test
    void unknownKeysAreRejectedNotIgnored() {
        assertThatThrownBy(() -> Json.yaml().readValue("type: local\nspooldir: /x\n", EvidenceStoreConfig.class))
                .hasMessageContaining("spooldir");
    }
}
