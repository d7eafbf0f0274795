package id.pantau.enforcement.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Sql;
import id.pantau.enforcement.violation.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Issues the ticket for an approved case inside the approval's transaction: reference number from the year's
 * counter (gapless and monotonic, see {@link #nextNumber}), the article from the configured table, the confirmation deadline, an audit entry and the outbox
 * row that the relay later publishes. violations.id is UNIQUE in tickets, so one case can never get two.
 */
public final class TicketIssuer {
    /** Reference years follow the local calendar of the enforcing city. */
    static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    private final EnforcementConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final Counter issued;

    public TicketIssuer(EnforcementConfig config, AuditTrail audit, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.issued = Counter.builder("pantau.enforcement.tickets.issued").register(registry);
    }

    public Ticket issue(Connection c, Violation v, String actor) throws SQLException {
        String article = config.articles().get(v.type());
        if (article == null) {
            throw EnforcementException.conflict("no article is configured for violation type '" + v.type()
                    + "': add it to the articles table in the enforcement config");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int year = now.atZone(WIB).getYear();
        long number = nextNumber(c, year);
        String reference = "%s-%d-%06d".formatted(config.referencePrefix(), year, number);
        Instant deadline = now.plus(config.confirmationDays(), ChronoUnit.DAYS);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (reference, violation_id, plate_text, article, status,"
                + " issued_at, confirmation_deadline, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, reference);
            ps.setLong(2, v.id());
            ps.setString(3, v.effectivePlate());
            ps.setString(4, article);
            ps.setString(5, TicketStatus.AWAITING_CONFIRMATION.wire());
            Sql.setInstant(ps, 6, now);
            Sql.setInstant(ps, 7, deadline);
            Sql.setInstant(ps, 8, now);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        Ticket t = new Ticket(id, reference, v.id(), v.effectivePlate(), article, TicketStatus.AWAITING_CONFIRMATION, now, deadline, now);
        TicketEvent event = new TicketEvent(1, "ticket_issued", id, reference, v.id(), v.eventId(), v.type(), v.camera(),
                v.location(), v.time(), t.plate(), article, t.status(), now, deadline);
        Outbox.add(c, config.ticketsTopic(), reference, json(event), now);
        audit.append(c, actor, "ticket.issue", "ticket", Long.toString(id), null, t);
        issued.increment();
        return t;
    }

    private static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next ticket number of the year, in the caller's transaction. The counter row is updated, not read, first:
     * the update's row lock makes a concurrent approval wait for this transaction, on PostgreSQL and H2 alike, and
     * a rollback gives the number back. So numbers have no gaps and never go backwards, which a sequence cannot
     * promise (rolled-back values are burnt; H2 loses its cached values in a crash).
     */
    public static long nextNumber(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_counters (ticket_year, last_number) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
            ps.setInt(1, year);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ticket_counters SET last_number = last_number + 1 WHERE ticket_year = ?")) {
            ps.setInt(1, year);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("ticket counter of " + year + " is missing");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last_number FROM ticket_counters WHERE ticket_year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
