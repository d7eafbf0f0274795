package id.pantau.enforcement.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Set;

/**
 * A ticket's lifecycle: the owner confirms (or the deadline passes: expired), then pays; a ticket can be
 * cancelled (e.g. the owner shows the vehicle was sold) until it is paid.
 */
public enum TicketStatus {
    AWAITING_CONFIRMATION, CONFIRMED, PAID, EXPIRED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Set<TicketStatus> next() {
        return switch (this) {
            case AWAITING_CONFIRMATION -> Set.of(CONFIRMED, EXPIRED, CANCELLED);
            case CONFIRMED -> Set.of(PAID, CANCELLED);
            case PAID, EXPIRED, CANCELLED -> Set.of();
        };
    }

    public static TicketStatus parse(String s) {
        for (TicketStatus t : values()) {
            if (t.wire().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("status must be one of awaiting_confirmation, confirmed, paid, expired, cancelled; was '" + s + "'");
    }
}
