package id.pantau.app.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.SignalFault;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts Dishub works through: a raised {@code congestion_alert} or {@code signal_fault} opens one, the
 * matching cleared event (same camera and zone, or same approach and fault) closes it. A person acknowledges an
 * alert ("I have seen it, this is what we do") and adds notes; who and when is kept with each.
 *
 * <p>An alert's id is the id of the event that raised it, so it stays the same across a redelivery and names the
 * same alert in the audit trail after a restart. The book lives in memory: it keeps {@link #MAX_ALERTS} alerts,
 * dropping those cleared longest ago first, and forgets cleared alerts after {@link BoardWindow#RETENTION}; the
 * acknowledgements and notes themselves are also in the back office's audit trail.
 */
final class AlertBook {
    static final int MAX_ALERTS = 1_000;
    static final int MAX_NOTE_CHARS = 1_000;
    static final int MAX_NOTES = 50;

    private final Clock clock;
    private final Map<String, Alert> byId = new LinkedHashMap<>();
    /** open alerts by what they are about (camera + zone, or camera + approach + fault) */
    private final Map<String, Alert> open = new LinkedHashMap<>();

    /** A note: who wrote it, when, what. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Note(String by, OffsetDateTime at, String text) {
    }

    /**
     * An alert as the board shows it.
     *
     * @param kind    {@code congestion} or {@code signal_fault}
     * @param subject the zone (congestion) or approach (signal fault)
     * @param detail  the level of service (congestion) or the fault kind ({@code dark}, {@code stuck})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Alert(String id, String kind, String camera, String subject, String detail, OffsetDateTime raisedAt,
                 OffsetDateTime clearedAt, String acknowledgedBy, OffsetDateTime acknowledgedAt, List<Note> notes) {
        boolean isOpen() {
            return clearedAt == null;
        }

        Alert cleared(OffsetDateTime at) {
            return new Alert(id, kind, camera, subject, detail, raisedAt, at, acknowledgedBy, acknowledgedAt, notes);
        }

        Alert acknowledged(String by, OffsetDateTime at, List<Note> withNote) {
            return new Alert(id, kind, camera, subject, detail, raisedAt, clearedAt, by, at, withNote);
        }

        Alert noted(List<Note> withNote) {
            return new Alert(id, kind, camera, subject, detail, raisedAt, clearedAt, acknowledgedBy, acknowledgedAt, withNote);
        }
    }

    AlertBook(Clock clock) {
        this.clock = clock;
    }

    synchronized void accept(CongestionAlert a) {
        track(a.eventId(), a.state(), "congestion", a.camera(), a.zone(), a.level().label(), a.time(),
                a.camera() + "\u0000zone\u0000" + a.zone());
    }

    synchronized void accept(SignalFault f) {
        track(f.eventId(), f.state(), "signal_fault", f.camera(), f.approach(), f.fault().label(), f.time(),
                f.camera() + "\u0000approach\u0000" + f.approach() + "\u0000" + f.fault().label());
    }

    private void track(String eventId, AlertState state, String kind, String camera, String subject, String detail,
                       OffsetDateTime time, String about) {
        OffsetDateTime at = time.atZoneSameInstant(BoardWindow.WIB).toOffsetDateTime();
        if (state == AlertState.RAISED) {
            if (byId.containsKey(eventId) || open.containsKey(about)) {
                return;   // a redelivery, or raised again while still open: one alert
            }
            Alert a = new Alert(eventId, kind, camera, subject, detail, at, null, null, null, List.of());
            byId.put(eventId, a);
            open.put(about, a);
            trim();
        } else {
            Alert a = open.remove(about);
            if (a != null) {
                byId.put(a.id(), a.cleared(at));
            }
        }
    }

    /** Alerts raised and not yet cleared (a gauge: alerts nobody clears point at a stuck camera or zone). */
    synchronized int openCount() {
        return open.size();
    }

    /** Open alerts not yet acknowledged by anyone. */
    synchronized int unacknowledgedCount() {
        return (int) open.values().stream().filter(a -> a.acknowledgedBy() == null).count();
    }

    /** Open alerts first (newest first), then cleared ones (newest first); {@code openOnly} leaves the cleared out. */
    synchronized List<Alert> list(boolean openOnly) {
        trim();
        return byId.values().stream().filter(a -> !openOnly || a.isOpen())
                .sorted(Comparator.comparing((Alert a) -> !a.isOpen()).thenComparing(Alert::raisedAt, Comparator.reverseOrder()))
                .toList();
    }

    /** Acknowledges an alert once, with an optional note; a second acknowledgement is refused (409). */
    synchronized Alert acknowledge(String id, String user, String note) {
        Alert a = find(id);
        if (a.acknowledgedBy() != null) {
            throw new ConsoleApi.Conflict("alert " + id + " was already acknowledged by " + a.acknowledgedBy()
                    + " at " + a.acknowledgedAt() + "; add a note instead");
        }
        OffsetDateTime now = clock.instant().atOffset(BoardWindow.WIB);
        List<Note> notes = note == null ? a.notes() : append(a.notes(), new Note(user, now, note));
        return replace(a, a.acknowledged(user, now, notes));
    }

    synchronized Alert note(String id, String user, String text) {
        Alert a = find(id);
        return replace(a, a.noted(append(a.notes(), new Note(user, clock.instant().atOffset(BoardWindow.WIB), text))));
    }

    private static List<Note> append(List<Note> notes, Note n) {
        if (notes.size() >= MAX_NOTES) {
            throw new IllegalArgumentException("note: an alert keeps at most " + MAX_NOTES + " notes");
        }
        List<Note> out = new ArrayList<>(notes);
        out.add(n);
        return List.copyOf(out);
    }

    private Alert replace(Alert old, Alert neu) {
        byId.put(neu.id(), neu);
        open.replaceAll((k, v) -> v.id().equals(neu.id()) ? neu : v);
        return neu;
    }

    private Alert find(String id) {
        Alert a = byId.get(id);
        if (a == null) {
            throw new ConsoleApi.NotFound("no alert '" + id + "' (alerts cleared more than "
                    + BoardWindow.RETENTION.toHours() + " h ago are no longer kept)");
        }
        return a;
    }

    /** Forgets alerts cleared before the retention, then the longest-cleared ones while over the cap. */
    private void trim() {
        Instant cutoff = clock.instant().minus(BoardWindow.RETENTION);
        byId.values().removeIf(a -> !a.isOpen() && a.clearedAt().toInstant().isBefore(cutoff));
        while (byId.size() > MAX_ALERTS) {
            Alert oldest = byId.values().stream().filter(a -> !a.isOpen())
                    .min(Comparator.comparing(Alert::clearedAt))
                    .orElseGet(() -> byId.values().iterator().next());
            byId.remove(oldest.id());
            open.values().removeIf(a -> a.id().equals(oldest.id()));
        }
    }
}
