package id.pantau.enforcement;

import id.pantau.core.json.Json;
import id.pantau.enforcement.audit.AuditCheckpoints;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.audit.Checkpoint;
import id.pantau.enforcement.audit.StoreAuditAnchor;
import id.pantau.storage.local.LocalEvidenceStore;
import id.pantau.storage.signing.Ed25519ManifestSigner;
import id.pantau.storage.signing.Ed25519SignatureVerifier;
import java.time.Duration;
import id.pantau.enforcement.audit.AuditVerification;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash chain on H2 directly: edits, removals in the middle and removals at the end are each named. */
class AuditTrailTest {

    @Test
    void everyKindOfTamperingIsNamed(@TempDir Path dir) {
        try (Database db = new Database(EnforcementConfig.defaults(dir))) {
            AuditTrail audit = new AuditTrail(Clock.systemUTC());
            db.inTransaction(c -> {
                for (int i = 1; i <= 6; i++) {
                    audit.append(c, "budi", "violation.claim", "violation", Integer.toString(i),
                            Map.of("status", "pending"), Map.of("status", "pending", "claimed_by", i));
                }
                return null;
            });
            assertThat(db.inTransaction(AuditTrail::verify)).isEqualTo(new AuditVerification(true, 6, java.util.List.of()));

            exec(db, "UPDATE audit_log SET after_json = '{\"status\":\"approved\"}' WHERE seq = 2");
            AuditVerification edited = db.inTransaction(AuditTrail::verify);
            assertThat(edited.ok()).isFalse();
            assertThat(edited.breaks()).extracting(AuditVerification.Break::seq).containsExactly(2L);

            exec(db, "DELETE FROM audit_log WHERE seq = 4");
            AuditVerification removed = db.inTransaction(AuditTrail::verify);
            assertThat(removed.breaks()).extracting(AuditVerification.Break::seq).contains(2L, 5L);
            assertThat(removed.breaks().stream().filter(b -> b.seq() == 5).findFirst().orElseThrow().problem())
                    .contains("entries 4..4 are missing");

            exec(db, "DELETE FROM audit_log WHERE seq = 6");
            AuditVerification truncated = db.inTransaction(AuditTrail::verify);
            assertThat(truncated.breaks()).anySatisfy(b -> assertThat(b.problem()).contains("latest entries were removed"));
        }
    }

    @Test
    void signedCheckpointsCatchARecomputedChainARemovedTailAndAForgedCheckpoint(@TempDir Path dir) throws Exception {
        java.security.KeyPair key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        java.security.KeyPair other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        LocalEvidenceStore store = new LocalEvidenceStore(dir.resolve("evidence"));
        AuditCheckpoints checkpoints = new AuditCheckpoints(new StoreAuditAnchor(store),
                new Ed25519ManifestSigner(key.getPrivate(), key.getPublic()), new Ed25519SignatureVerifier(key.getPublic()),
                Duration.ofMinutes(5), Clock.systemUTC());
        try (Database db = new Database(EnforcementConfig.defaults(dir))) {
            AuditTrail audit = new AuditTrail(Clock.systemUTC());
            append(db, audit, 4);
            assertThat(checkpoints.checkpoint(db).seq()).isEqualTo(4);
            assertThat(checkpoints.checkpoint(db)).as("nothing new to sign").isNull();
            append(db, audit, 4);
            assertThat(checkpoints.checkpoint(db).seq()).isEqualTo(8);
            assertThat(store.list("audit/checkpoints/")).containsExactly(
                    "audit/checkpoints/000000000004.json", "audit/checkpoints/000000000008.json");
            AuditVerification clean = db.inTransaction(c -> AuditTrail.verifyAnchored(c, checkpoints));
            assertThat(clean.ok()).isTrue();
            assertThat(clean.checkpoints().checked()).isEqualTo(2);
            assertThat(clean.checkpoints().latestSeq()).isEqualTo(8);

            // a checkpoint signed with another key (someone who wants to bless a rewritten chain) is refused
            Checkpoint real = Json.mapper().readValue(store.get("audit/checkpoints/000000000008.json"), Checkpoint.class);
            var forged = new Ed25519ManifestSigner(other.getPrivate(), other.getPublic()).sign(real.signedBytes());
            Checkpoint fake = new Checkpoint(8, real.headHash(), real.at(), forged.algorithm(), real.keyId(), forged.signature());
            store.put(fake.key(), Json.mapper().writeValueAsBytes(fake), "application/json");
            AuditVerification bad = db.inTransaction(c -> AuditTrail.verifyAnchored(c, checkpoints));
            assertThat(bad.ok()).isFalse();
            assertThat(bad.breaks()).singleElement().satisfies(b -> assertThat(b.problem())
                    .contains("audit/checkpoints/000000000008.json has no valid signature"));
            store.put(real.key(), Json.mapper().writeValueAsBytes(real), "application/json");

            // the last three entries removed and the head moved back: the chain alone is consistent, the checkpoint is not
            exec(db, "DELETE FROM audit_log WHERE seq > 5");
            exec(db, "UPDATE audit_head SET last_seq = 5, last_hash = (SELECT hash FROM audit_log WHERE seq = 5) WHERE id = 1");
            assertThat(db.inTransaction(AuditTrail::verify).ok()).as("the chain alone").isTrue();
            AuditVerification truncated = db.inTransaction(c -> AuditTrail.verifyAnchored(c, checkpoints));
            assertThat(truncated.ok()).isFalse();
            assertThat(truncated.breaks()).singleElement().satisfies(b -> {
                assertThat(b.seq()).isEqualTo(8);
                assertThat(b.problem()).contains("000000000008.json").contains("latest entries were removed");
            });
        }
    }

    private static void append(Database db, AuditTrail audit, int n) {
        db.inTransaction(c -> {
            for (int i = 0; i < n; i++) {
                audit.append(c, "budi", "violation.claim", "violation", Integer.toString(i), null, Map.of("i", i));
            }
            return null;
        });
    }

    private static void exec(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }
}
