package id.pantau.enforcement.violation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;

import java.nio.charset.StandardCharsets;
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
 * Violation events the back office could not turn into cases: kept with the reason, never dropped. An event
 * that breaks the contract is {@value #INVALID}; one the database refused as a record is {@value #REFUSED}. Open
 * dead letters are counted on /health; an admin replays one after fixing its cause (the same idempotent intake a
 * bus delivery uses, so a replay can never make a second case) or dismisses it with a note. Both are audited.
 */
public final class DeadLetters {
    public static final String INVALID = "invalid";
    public static final String REFUSED = "refused";
    /** what fits the columns: the payload is the event (bounded by the bus), the reason a sentence */
    private static final int MAX_PAYLOAD = 60_000;
    private static final int MAX_ERROR = 2000;
    private static final int MAX_PARAMS = 2000;

    /**
     * One dead letter as an admin sees it. {@code error} is the reason in English (logs, API users);
     * {@code reason_code} and {@code reason_params} say the same as a stable code with its values, for the console
     * to say in the reader's language (absent on rows kept before codes existed). Codes: see
     * {@link InvalidViolationEvent} for invalid events, {@code refused} {event_id, sqlstate, fields} for a record the
     * database refused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetter(long id, String kind, String topic, String key, String error,
                             @JsonProperty("reason_code") String reasonCode,
                             @JsonProperty("reason_params") Map<String, Object> reasonParams,
                             @JsonProperty("received_at") Instant receivedAt,
                             @JsonProperty("resolved_at") Instant resolvedAt, String resolution, String payload) {
        /** Payloads carry plates: only admins (who replay them) see them. */
        public DeadLetter withPayloadFor(Role role) {
            return role == Role.ADMIN ? this : new DeadLetter(id, kind, topic, key, error, reasonCode, reasonParams,
                    receivedAt, resolvedAt, resolution, null);
        }
    }

    private final Database db;
    private final AuditTrail audit;
    private final ViolationIngestor ingestor;
    private final Clock clock;

    public DeadLetters(Database db, AuditTrail audit, ViolationIngestor ingestor, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    static int insert(Connection c, String kind, String topic, String key, byte[] payload, String error,
                      String reasonCode, Map<String, Object> reasonParams, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invalid_events (kind, topic, msg_key, payload, error,"
                + " received_at, reason_code, reason_params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, topic);
            ps.setString(3, key == null || key.length() <= 200 ? key : key.substring(0, 200));
            String text = new String(payload, StandardCharsets.UTF_8);
            ps.setString(4, text.length() > MAX_PAYLOAD ? text.substring(0, MAX_PAYLOAD) : text);
            ps.setString(5, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
            Sql.setInstant(ps, 6, at);
            ps.setString(7, reasonCode);
            ps.setString(8, reasonCode == null ? null : paramsJson(reasonParams));
            return ps.executeUpdate();
        }
    }

    /** Dead letters nobody has replayed or dismissed yet. */
    public long open() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM invalid_events WHERE resolved_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public List<DeadLetter> list(boolean openOnly, int limit, int offset) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, topic, msg_key, error, reason_code, reason_params, received_at, resolved_at,"
                    + " resolution, payload FROM invalid_events" + (openOnly ? " WHERE resolved_at IS NULL" : "")
                    + " ORDER BY id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    public DeadLetter get(long id) {
        return db.inTransaction(c -> find(c, id));
    }

    /**
     * Feeds the stored event through the intake again. When it now becomes a case (or is already one) the dead
     * letter is resolved; when it fails again it stays open and the answer says why.
     */
    public DeadLetter replay(String actor, long id) {
        DeadLetter d = get(id);
        if (d.resolvedAt() != null) {
            throw EnforcementException.conflict("dead letter " + id + " was already resolved: " + d.resolution());
        }
        ViolationIngestor.Outcome outcome = ingestor.ingest(d.topic(), d.key(), d.payload().getBytes(StandardCharsets.UTF_8));
        if (outcome != ViolationIngestor.Outcome.CREATED && outcome != ViolationIngestor.Outcome.DUPLICATE) {
            // the intake kept the failed replay as a dead letter of its own; this one is superseded by it
            resolve(actor, id, "replayed by " + actor + ": failed again (" + outcome.name().toLowerCase() + "), see the newer dead letter");
            throw EnforcementException.conflict("dead letter " + id + " failed again on replay (" + outcome.name().toLowerCase()
                    + "); the new reason is in the newest dead letter");
        }
        return resolve(actor, id, "replayed by " + actor + ": " + outcome.name().toLowerCase());
    }

    /** Closes a dead letter that will not be replayed, with the admin's reason. */
    public DeadLetter dismiss(String actor, long id, String note) {
        if (note == null || note.isBlank()) {
            throw EnforcementException.invalid("note is required: say why this event is not replayed");
        }
        if (note.length() > 250) {
            throw EnforcementException.invalid("note is longer than 250 characters");
        }
        DeadLetter d = get(id);
        if (d.resolvedAt() != null) {
            throw EnforcementException.conflict("dead letter " + id + " was already resolved: " + d.resolution());
        }
        return resolve(actor, id, "dismissed by " + actor + ": " + note.strip());
    }

    private DeadLetter resolve(String actor, long id, String resolution) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE invalid_events SET resolved_at = ?, resolution = ?"
                    + " WHERE id = ? AND resolved_at IS NULL")) {
                Sql.setInstant(ps, 1, clock.instant());
                ps.setString(2, resolution);
                ps.setLong(3, id);
                if (ps.executeUpdate() != 1) {
                    throw EnforcementException.conflict("dead letter " + id + " was resolved meanwhile");
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("resolution", resolution);
            audit.append(c, actor, "dead_letter.resolve", "dead_letter", Long.toString(id), null, after);
            return find(c, id);
        });
    }

    private static DeadLetter find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, topic, msg_key, error, reason_code, reason_params, received_at, resolved_at,"
                + " resolution, payload FROM invalid_events WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EnforcementException.notFound("no dead letter " + id);
                }
                return read(rs);
            }
        }
    }

    private static DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("kind"), rs.getString("topic"), rs.getString("msg_key"),
                rs.getString("error"), rs.getString("reason_code"), params(rs.getString("reason_params")),
                Sql.instant(rs, "received_at"), Sql.instant(rs, "resolved_at"),
                rs.getString("resolution"), rs.getString("payload"));
    }

    /** The reason's values as stored: JSON, cut to what the column holds (values are ids and field names). */
    private static String paramsJson(Map<String, Object> params) {
        try {
            String json = Json.mapper().writeValueAsString(params == null ? Map.of() : params);
            return json.length() > MAX_PARAMS ? "{}" : json;
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static Map<String, Object> params(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
