package id.pantau.enforcement.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import id.pantau.enforcement.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An issued ticket (surat tilang ETLE): its reference number, plate, violated article and lifecycle state. */
public record Ticket(long id, String reference, @JsonProperty("violation_id") long violationId,
                     String plate, String article, TicketStatus status,
                     @JsonProperty("issued_at") Instant issuedAt,
                     @JsonProperty("confirmation_deadline") Instant confirmationDeadline,
                     @JsonProperty("updated_at") Instant updatedAt) {

    public static Ticket from(ResultSet rs) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getString("reference"), rs.getLong("violation_id"), rs.getString("plate_text"),
                rs.getString("article"), TicketStatus.parse(rs.getString("status")), Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "confirmation_deadline"), Sql.instant(rs, "updated_at"));
    }
}
