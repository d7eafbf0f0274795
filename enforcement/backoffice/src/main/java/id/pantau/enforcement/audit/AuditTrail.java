package id.pantau.enforcement.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import id.pantau.enforcement.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when its state change
 * committed. Each entry's hash covers its content and the previous entry's hash; the single-row audit_head
 * is locked (SELECT ... FOR UPDATE) while appending, which keeps the chain linear across concurrent requests.
 * The application has no code path that updates or deletes entries.
 */
public final class AuditTrail {
    public static final String GENESIS = "0".repeat(64);

    private final Clock clock;

    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /** Appends one entry; {@code before}/{@code after} are any JSON-serialisable values (records, maps) or null. */
    public long append(Connection c, String actor, String action, String entity, String entityId,
                       Object before, Object after) throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1) + 1;
            prev = rs.getString(2);
        }
        AuditEntry e = new AuditEntry(seq, clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, action, entity,
                entityId, json(before), json(after), prev, null);
        String hash = hash(e);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id,"
                + " before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            Sql.setInstant(ps, 2, e.at());
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, entity);
            ps.setString(6, entityId);
            ps.setString(7, e.beforeJson());
            ps.setString(8, e.afterJson());
            ps.setString(9, prev);
            ps.setString(10, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        return seq;
    }

    private static String json(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit value is not serialisable: " + ex.getOriginalMessage(), ex);
        }
    }

    /** SHA-256 over every field but the hash itself, fields separated by a unit separator so they cannot be shifted. */
    static String hash(AuditEntry e) {
        String material = String.join("\u001f", Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(),
                e.entity(), e.entityId(), nz(e.beforeJson()), nz(e.afterJson()), e.prevHash());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }

    /** Entries in order, optionally for one record ({@code entity} + {@code entityId}), after {@code afterSeq}. */
    public static java.util.List<AuditEntry> list(Connection c, String entity, String entityId, long afterSeq, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE seq > ?");
        if (entity != null) {
            sql.append(" AND entity = ?");
        }
        if (entityId != null) {
            sql.append(" AND entity_id = ?");
        }
        sql.append(" ORDER BY seq LIMIT ").append(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            if (entity != null) {
                ps.setString(i++, entity);
            }
            if (entityId != null) {
                ps.setString(i, entityId);
            }
            java.util.List<AuditEntry> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AuditVerifier.entry(rs));
                }
            }
            return out;
        }
    }

    /** Checks the whole chain in the database alone; see {@link AuditVerification}. */
    public static AuditVerification verify(Connection c) throws SQLException {
        return AuditVerifier.verify(c, null);
    }

    /** Checks the whole chain and every signed checkpoint of it stored outside the database. */
    public static AuditVerification verifyAnchored(Connection c, AuditCheckpoints checkpoints) throws SQLException {
        return AuditVerifier.verify(c, checkpoints);
    }

}
