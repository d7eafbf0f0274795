package id.pantau.enforcement.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditEntry;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.auth.User;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;
import id.pantau.enforcement.ticket.Ticket;
import id.pantau.enforcement.ticket.TicketIssuer;
import id.pantau.enforcement.violation.Violation;
import id.pantau.enforcement.violation.ViolationStatus;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The police review workflow. An officer claims a case (one at a time; the claim lapses after the configured
 * time so an abandoned case returns to the queue), may correct the plate (the reading is kept), then approves
 * or rejects with a configured reason code. A plate read below the confidence threshold needs approvals from
 * two different officers. Approval issues the ticket in the same transaction. Each step locks the case row
 * (SELECT ... FOR UPDATE) and is audited with the case before and after.
 */
public final class ReviewService {
    private final Database db;
    private final EnforcementConfig config;
    private final AuditTrail audit;
    private final TicketIssuer tickets;
    private final Clock clock;
    private final Runnable afterTicket;

    public ReviewService(Database db, EnforcementConfig config, AuditTrail audit, TicketIssuer tickets, Clock clock,
                         MeterRegistry registry) {
        this(db, config, audit, tickets, clock, registry, () -> { });
    }

    /** @param afterTicket runs after a ticket was issued and committed (the back office checkpoints the audit chain) */
    public ReviewService(Database db, EnforcementConfig config, AuditTrail audit, TicketIssuer tickets, Clock clock,
                         MeterRegistry registry, Runnable afterTicket) {
        this.afterTicket = afterTicket;
        this.db = db;
        this.config = config;
        this.audit = audit;
        this.tickets = tickets;
        this.clock = clock;
        registry.gauge("pantau.enforcement.review.open", this, ReviewService::openCasesSafely);
    }

    /** The outcome of an approval: the case, and the ticket when this approval was the final one. */
    public record Approval(Violation violation, Ticket ticket) {
    }

    /** The cases the filter matches, before paging (the queue page's total). */
    public long count(QueueFilter f) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM violations WHERE " + where(f, args);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(QueueFilter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("1 = 1");
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().wire());
        } else {
            sql.append(" AND status IN ('pending', 'awaiting_second_approval')");
        }
        if (f.evidence() != QueueFilter.Evidence.ANY) {
            sql.append(f.evidence() == QueueFilter.Evidence.COMPLETE ? " AND evidence_complete = TRUE"
                    : " AND evidence_complete = FALSE");
        }
        if (f.camera() != null) {
            sql.append(" AND camera = ?");
            args.add(f.camera());
        }
        if (f.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(f.to());
        }
        if (f.minPlateScore() != null) {
            sql.append(" AND COALESCE(plate_score, 0) >= ?");
            args.add(f.minPlateScore());
        }
        if (f.maxPlateScore() != null) {
            sql.append(" AND COALESCE(plate_score, 0) < ?");
            args.add(f.maxPlateScore());
        }
        if (f.plate() != null) {
            sql.append(" AND (REPLACE(UPPER(COALESCE(plate_corrected, '')), ' ', '') LIKE ?"
                    + " OR REPLACE(UPPER(COALESCE(plate_read, '')), ' ', '') LIKE ?)");
            args.add("%" + f.plate() + "%");
            args.add("%" + f.plate() + "%");
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                Sql.setInstant(ps, i + 1, t);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    public List<Violation> queue(QueueFilter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM violations WHERE ").append(where(f, args));
        sql.append(" ORDER BY occurred_at, id LIMIT ").append(f.limit()).append(" OFFSET ").append(f.offset());
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                List<Violation> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Violation.from(rs));
                    }
                }
                return out;
            }
        });
    }

    public Violation get(long id) {
        return db.inTransaction(c -> load(c, id, false));
    }

    /**
     * What an officer needs to decide beside the photos: the measured facts of the event (signal state, time into
     * red, amber, speed, which configuration version), who holds the claim, and the case's history.
     */
    public record Details(Map<String, Object> facts,
                          @JsonProperty("claimed_by_name") String claimedByName,
                          List<AuditEntry> history) {
    }

    private static final List<String> FACTS = List.of("signal_state", "time_into_red_s", "amber_duration_s", "speed_kmh",
            "config_version", "track_id", "frames");

    public Details details(long id) {
        return db.inTransaction(c -> {
            Violation v = load(c, id, false);
            Map<String, Object> facts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_json FROM violations WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    JsonNode event = Json.mapper().readTree(rs.getString(1));
                    for (String f : FACTS) {
                        JsonNode n = event.get(f);
                        facts.put(f, n == null || n.isNull() ? null : Json.mapper().treeToValue(n, Object.class));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("case " + id + ": stored event is not JSON", e);
                }
            }
            String claimedBy = null;
            if (v.claimedBy() != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT username FROM users WHERE id = ?")) {
                    ps.setLong(1, v.claimedBy());
                    try (ResultSet rs = ps.executeQuery()) {
                        claimedBy = rs.next() ? rs.getString(1) : null;
                    }
                }
            }
            return new Details(facts, claimedBy, AuditTrail.list(c, "violation", Long.toString(id), 0, 200));
        });
    }

    public Violation claim(User officer, long id) {
        return db.inTransaction(c -> {
            Violation v = load(c, id, true);
            Instant now = clock.instant();
            if (!v.status().open()) {
                throw EnforcementException.conflict("case " + id + " is already " + v.status().wire() + " and cannot be claimed");
            }
            if (v.claimedBy() != null && !v.claimedBy().equals(officer.id()) && v.claimExpiresAt().isAfter(now)) {
                throw EnforcementException.conflict("case " + id + " is claimed by another officer until "
                        + v.claimExpiresAt() + "; pick another case or wait for the claim to lapse");
            }
            if (v.status() == ViolationStatus.AWAITING_SECOND_APPROVAL && java.util.Objects.equals(v.firstApprover(), officer.id())) {
                throw EnforcementException.conflict("case " + id + " needs a second officer: you already approved it");
            }
            if (java.util.Objects.equals(v.claimedBy(), officer.id()) && v.claimExpiresAt().isAfter(now)) {
                return v; // the holder claiming again changes nothing, so it adds no audit entry
            }
            Instant expires = now.plus(config.claimTtl());
            try (PreparedStatement ps = c.prepareStatement("UPDATE violations SET claimed_by = ?, claim_expires_at = ? WHERE id = ?")) {
                ps.setLong(1, officer.id());
                Sql.setInstant(ps, 2, expires);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            Violation after = load(c, id, false);
            audit.append(c, officer.username(), "violation.claim", "violation", Long.toString(id), v, after);
            return after;
        });
    }

    public Violation correctPlate(User officer, long id, String plate) {
        String normalised = plate == null ? "" : plate.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (!normalised.matches("[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?")) {
            throw EnforcementException.invalid("plate '" + plate + "' is not an Indonesian plate like 'BH 1234 XY'"
                    + " (1-2 letters, 1-4 digits, 0-3 letters, separated by spaces)");
        }
        return db.inTransaction(c -> {
            Violation v = requireClaim(c, officer, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE violations SET plate_corrected = ? WHERE id = ?")) {
                ps.setString(1, normalised);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            Violation after = load(c, id, false);
            audit.append(c, officer.username(), "violation.plate_correction", "violation", Long.toString(id), v, after);
            return after;
        });
    }

    public Approval approve(User officer, long id) {
        Approval a = db.inTransaction(c -> {
            Violation v = requireClaim(c, officer, id);
            if (v.effectivePlate() == null) {
                throw EnforcementException.conflict("case " + id + " has no readable plate: correct the plate or reject"
                        + " it with reason 'plate_unreadable'");
            }
            boolean lowConfidence = v.plateScore() == null || v.plateScore() < config.lowConfidenceThreshold();
            boolean needsSecond = lowConfidence && v.status() == ViolationStatus.PENDING;
            ViolationStatus next = needsSecond ? ViolationStatus.AWAITING_SECOND_APPROVAL : ViolationStatus.APPROVED;
            try (PreparedStatement ps = c.prepareStatement("UPDATE violations SET status = ?, claimed_by = NULL,"
                    + " claim_expires_at = NULL, first_approver = COALESCE(first_approver, ?) WHERE id = ?")) {
                ps.setString(1, next.wire());
                ps.setLong(2, officer.id());
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            recordReview(c, id, officer, "approve", null, v.effectivePlate());
            Violation after = load(c, id, false);
            audit.append(c, officer.username(), needsSecond ? "violation.first_approval" : "violation.approve",
                    "violation", Long.toString(id), v, after);
            Ticket t = next == ViolationStatus.APPROVED ? tickets.issue(c, after, officer.username()) : null;
            return new Approval(after, t);
        });
        if (a.ticket() != null) {
            afterTicket.run();
        }
        return a;
    }

    public Violation reject(User officer, long id, String reasonCode) {
        if (reasonCode == null || !config.reasonCodes().contains(reasonCode)) {
            throw EnforcementException.invalid("reason_code must be one of " + config.reasonCodes() + ", was '" + reasonCode + "'");
        }
        return db.inTransaction(c -> {
            Violation v = requireClaim(c, officer, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE violations SET status = 'rejected', reject_reason = ?,"
                    + " claimed_by = NULL, claim_expires_at = NULL WHERE id = ?")) {
                ps.setString(1, reasonCode);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            recordReview(c, id, officer, "reject", reasonCode, v.effectivePlate());
            Violation after = load(c, id, false);
            audit.append(c, officer.username(), "violation.reject", "violation", Long.toString(id), v, after);
            return after;
        });
    }

    /** Per-camera and per-status counts, without plates (for dishub and operators). */
    public List<Map<String, Object>> stats() {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT camera, type, status, COUNT(*) AS n FROM violations"
                    + " GROUP BY camera, type, status ORDER BY camera, type, status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("camera", rs.getString("camera"), "type", rs.getString("type"),
                            "status", rs.getString("status"), "count", rs.getLong("n")));
                }
            }
            return out;
        });
    }

    private Violation requireClaim(Connection c, User officer, long id) throws SQLException {
        Violation v = load(c, id, true);
        if (!v.status().open()) {
            throw EnforcementException.conflict("case " + id + " is already " + v.status().wire());
        }
        if (!java.util.Objects.equals(v.claimedBy(), officer.id())) {
            throw EnforcementException.conflict("claim case " + id + " first (POST /api/violations/" + id + "/claim)");
        }
        if (!v.claimExpiresAt().isAfter(clock.instant())) {
            throw EnforcementException.conflict("your claim on case " + id + " expired at " + v.claimExpiresAt()
                    + "; claim it again");
        }
        return v;
    }

    private void recordReview(Connection c, long id, User officer, String decision, String reason, String plate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reviews (violation_id, officer_id, decision, reason_code,"
                + " plate_text, decided_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, officer.id());
            ps.setString(3, decision);
            ps.setString(4, reason);
            ps.setString(5, plate);
            Sql.setInstant(ps, 6, clock.instant());
            ps.executeUpdate();
        }
    }

    static Violation load(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM violations WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EnforcementException.notFound("no violation case with id " + id);
                }
                return Violation.from(rs);
            }
        }
    }

    private double openCasesSafely() {
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM violations WHERE status IN ('pending', 'awaiting_second_approval')");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return (double) rs.getLong(1);
                }
            });
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
