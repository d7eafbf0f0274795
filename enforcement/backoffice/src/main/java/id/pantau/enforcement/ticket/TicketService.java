package id.pantau.enforcement.ticket;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;
import id.pantau.enforcement.stored.EvidenceKeys;
import id.pantau.enforcement.stored.EvidenceReader;
import id.pantau.enforcement.letter.ConfirmationLetter;
import id.pantau.enforcement.violation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Reads tickets, moves them through their lifecycle (audited), expires overdue ones and renders their letters. */
public final class TicketService {
    private static final Logger log = LoggerFactory.getLogger(TicketService.class);

    private final Database db;
    private final AuditTrail audit;
    private final EvidenceReader evidence;
    private final Clock clock;

    public TicketService(Database db, AuditTrail audit, EvidenceReader evidence, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.evidence = evidence;
        this.clock = clock;
    }

    public List<Ticket> list(TicketStatus status, int limit, int offset) {
        return db.inTransaction(c -> {
            String sql = "SELECT * FROM tickets" + (status == null ? "" : " WHERE status = ?")
                    + " ORDER BY id LIMIT " + limit + " OFFSET " + offset;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (status != null) {
                    ps.setString(1, status.wire());
                }
                List<Ticket> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Ticket.from(rs));
                    }
                }
                return out;
            }
        });
    }

    public Ticket get(long id) {
        return db.inTransaction(c -> load(c, id, false));
    }

    public Ticket changeStatus(String actor, long id, TicketStatus next) {
        return db.inTransaction(c -> {
            Ticket before = load(c, id, true);
            if (!before.status().next().contains(next)) {
                throw EnforcementException.conflict("ticket " + before.reference() + " is " + before.status().wire()
                        + " and cannot become " + next.wire() + "; allowed next: " + before.status().next().stream()
                        .map(TicketStatus::wire).toList());
            }
            return update(c, actor, before, next);
        });
    }

    /** Moves tickets still awaiting confirmation past their deadline to expired; returns how many. */
    public int expireOverdue() {
        return db.inTransaction(c -> {
            List<Ticket> overdue = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM tickets WHERE status = 'awaiting_confirmation'"
                    + " AND confirmation_deadline < ? ORDER BY id FOR UPDATE")) {
                Sql.setInstant(ps, 1, clock.instant());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overdue.add(Ticket.from(rs));
                    }
                }
            }
            for (Ticket t : overdue) {
                update(c, "system", t, TicketStatus.EXPIRED);
            }
            return overdue.size();
        });
    }

    private Ticket update(Connection c, String actor, Ticket before, TicketStatus next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, next.wire());
            Sql.setInstant(ps, 2, clock.instant());
            ps.setLong(3, before.id());
            ps.executeUpdate();
        }
        Ticket after = load(c, before.id(), false);
        audit.append(c, actor, "ticket.status", "ticket", Long.toString(before.id()), before, after);
        return after;
    }

    /** The confirmation letter as PDF bytes, with the evidence photos read through the {@link EvidenceReader}. */
    public byte[] letter(long id) {
        record Case(Ticket t, Violation v, String officer) {
        }
        Case k = db.inTransaction(c -> {
            Ticket t = load(c, id, false);
            Violation v;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM violations WHERE id = ?")) {
                ps.setLong(1, t.violationId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v = Violation.from(rs);
                }
            }
            // the officer whose approval issued the ticket: the case's last approval
            String officer = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username FROM reviews r JOIN users u ON u.id = r.officer_id"
                    + " WHERE r.violation_id = ? AND r.decision = 'approve' ORDER BY r.decided_at DESC, r.id DESC")) {
                ps.setLong(1, t.violationId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        officer = rs.getString(1);
                    }
                }
            }
            return new Case(t, v, officer);
        });
        List<ConfirmationLetter.Photo> photos = new ArrayList<>();
        for (String name : k.v().photos()) {
            String key = EvidenceKeys.photo(k.v().evidenceKey(), name);
            try {
                photos.add(new ConfirmationLetter.Photo(name, evidence.read(key)));
            } catch (IOException e) {
                log.warn("evidence photo {} for ticket {} unreadable, letter notes it: {}", key, k.t().reference(), e.toString());
                photos.add(new ConfirmationLetter.Photo(name, null));
            }
        }
        return ConfirmationLetter.render(k.t(), k.v(), photos, k.officer());
    }

    static Ticket load(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM tickets WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EnforcementException.notFound("no ticket with id " + id);
                }
                return Ticket.from(rs);
            }
        }
    }
}
