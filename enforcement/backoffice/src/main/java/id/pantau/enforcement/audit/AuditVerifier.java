package id.pantau.enforcement.audit;

import id.pantau.enforcement.db.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;

/** Recomputes the chain from the first entry and reports edited, removed or re-linked entries by sequence number. */
final class AuditVerifier {
    private AuditVerifier() {
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("entity"), rs.getString("entity_id"),
                rs.getString("before_json"), rs.getString("after_json"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    static AuditVerification verify(Connection c, AuditCheckpoints checkpoints) throws SQLException {
        List<AuditAnchor.Stored> stored = checkpoints == null ? List.of() : checkpoints.stored();
        Set<Long> wanted = new HashSet<>();
        for (AuditAnchor.Stored s : stored) {
            if (s instanceof AuditAnchor.Readable r) {
                wanted.add(r.checkpoint().seq());
            }
        }
        Map<Long, String> hashes = new HashMap<>();
        List<AuditVerification.Break> breaks = new ArrayList<>();
        long expectedSeq = 1;
        String prevHash = AuditTrail.GENESIS;
        long checked = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_log ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AuditEntry e = entry(rs);
                checked++;
                if (e.seq() != expectedSeq) {
                    breaks.add(new AuditVerification.Break(e.seq(), "entries " + expectedSeq + ".." + (e.seq() - 1) + " are missing"));
                }
                if (!e.prevHash().equals(prevHash)) {
                    breaks.add(new AuditVerification.Break(e.seq(), "prev_hash does not match the hash of the entry before it"));
                }
                if (!AuditTrail.hash(e).equals(e.hash())) {
                    breaks.add(new AuditVerification.Break(e.seq(), "content was changed after it was written (hash mismatch)"));
                }
                if (wanted.contains(e.seq())) {
                    hashes.put(e.seq(), e.hash());
                }
                prevHash = e.hash();
                expectedSeq = e.seq() + 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != expectedSeq - 1 || !rs.getString(2).equals(prevHash)) {
                breaks.add(new AuditVerification.Break(rs.getLong(1), "the latest entries were removed (chain head is entry "
                        + rs.getLong(1) + ", table ends at " + (expectedSeq - 1) + ")"));
            }
        }
        AuditCheckpoints.Summary summary = checkpoints == null ? null
                : checkpoints.check(stored, hashes, expectedSeq - 1, breaks);
        return new AuditVerification(breaks.isEmpty(), checked, List.copyOf(breaks), summary);
    }
}
