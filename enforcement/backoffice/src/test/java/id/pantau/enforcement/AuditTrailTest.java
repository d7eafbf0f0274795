package id.pantau.enforcement;

import id.pantau.enforcement.audit.AuditTrail;
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

    private static void exec(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }
}
