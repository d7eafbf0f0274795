package id.pantau.enforcement.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The event emitted on {@code etle.tickets} when a ticket is issued (schema in enforcement/backoffice/README.md).
 * Consumers dedupe by {@code ticket_id} (or {@code reference}).
 */
public record TicketEvent(
        @JsonProperty("schema_version") int schemaVersion,
        String type,
        @JsonProperty("ticket_id") long ticketId,
        String reference,
        @JsonProperty("violation_id") long violationId,
        @JsonProperty("violation_event_id") String violationEventId,
        @JsonProperty("violation_type") String violationType,
        String camera,
        String location,
        @JsonProperty("violation_time") Instant violationTime,
        String plate,
        String article,
        TicketStatus status,
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonProperty("confirmation_deadline") Instant confirmationDeadline) {
}
