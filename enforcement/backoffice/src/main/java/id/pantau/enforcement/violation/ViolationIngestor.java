package id.pantau.enforcement.violation;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.json.Json;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.db.ColumnLimits;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.DatabaseException;
import id.pantau.enforcement.db.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns violation events from the bus into review cases. Idempotent on {@code event_id} (a unique column), so
 * a redelivered or replayed event is counted as a duplicate and changes nothing. An event that does not fit the
 * contract, or that the database refuses as a record (a value longer than its column), is a dead letter: kept in
 * {@code invalid_events} with the reason, counted, shown on /health, and acknowledged, so one bad message never
 * blocks a camera's partition; an admin replays it once the cause is fixed ({@link DeadLetters}). A database
 * outage throws, and the bus delivers the event again.
 */
public final class ViolationIngestor implements EventBus.RecordHandler {
    private static final Logger log = LoggerFactory.getLogger(ViolationIngestor.class);

    public enum Outcome { CREATED, DUPLICATE, INVALID, REFUSED }

    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final Counter created;
    private final Counter duplicates;
    private final Counter invalid;
    private final Counter refused;

    public ViolationIngestor(Database db, AuditTrail audit, Clock clock, MeterRegistry registry) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.created = Counter.builder("pantau.enforcement.violations.received").tag("outcome", "created").register(registry);
        this.duplicates = Counter.builder("pantau.enforcement.violations.received").tag("outcome", "duplicate").register(registry);
        this.invalid = Counter.builder("pantau.enforcement.violations.received").tag("outcome", "invalid").register(registry);
        this.refused = Counter.builder("pantau.enforcement.violations.received").tag("outcome", "refused").register(registry);
    }

    @Override
    public void handle(BusRecord record) {
        ingest(record.topic(), record.key(), record.value());
    }

    public Outcome ingest(String topic, String key, byte[] payload) {
        ViolationEvent e;
        try {
            e = ViolationEventParser.parse(payload);
        } catch (IllegalArgumentException ex) {
            keepDeadLetter(DeadLetters.INVALID, topic, key, payload, ex.getMessage(),
                    ex instanceof InvalidViolationEvent iv ? iv.code() : null,
                    ex instanceof InvalidViolationEvent iv ? iv.params() : Map.of());
            invalid.increment();
            return Outcome.INVALID;
        }
        try {
            long id = db.inTransaction(c -> {
                long newId;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO violations (event_id, type, camera, approach,"
                        + " vehicle_class, occurred_at, location, plate_read, plate_score, evidence_key, photos, status,"
                        + " event_json, received_at, evidence_complete, evidence_problems)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, e.eventId());
                    ps.setString(2, e.type());
                    ps.setString(3, e.camera());
                    ps.setString(4, e.approach());
                    ps.setString(5, e.vehicleClass());
                    Sql.setInstant(ps, 6, e.time().toInstant());
                    ps.setString(7, e.location());
                    String plate = e.plate() == null ? null : blankToNull(e.plate().text());
                    ps.setString(8, plate);
                    ps.setObject(9, e.plate() == null ? null : e.plate().score(), java.sql.Types.DOUBLE);
                    ps.setString(10, e.evidence() == null ? null : e.evidence().key());
                    ps.setString(11, e.evidence() == null || e.evidence().photos() == null ? "[]"
                            : Json.mapper().writeValueAsString(e.evidence().photos()));
                    ps.setString(12, new String(payload, StandardCharsets.UTF_8));
                    Sql.setInstant(ps, 13, clock.instant());
                    boolean complete = e.evidence() != null && e.evidence().completeWithPackage();
                    ps.setBoolean(14, complete);
                    List<String> problems = e.evidence() == null ? List.of("the violation came without evidence")
                            : e.evidence().problems() != null && !e.evidence().problems().isEmpty()
                            ? e.evidence().problems()
                            : e.evidence().key() == null ? List.of("no evidence package") : List.of();
                    String problemsJson = Json.mapper().writeValueAsString(problems);
                    ps.setString(15, complete ? null : problemsJson.length() > 8000
                            ? Json.mapper().writeValueAsString(List.of(problemsJson.substring(0, 7000) + "…"))
                            : problemsJson);
                    if (!complete) {
                        log.warn("violation {} has INCOMPLETE evidence, kept out of the review queue: {}", e.eventId(),
                                problems);
                    }
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        newId = k.getLong(1);
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("event_id", e.eventId());
                after.put("camera", e.camera());
                after.put("status", "pending");
                audit.append(c, "bus:" + topic, "violation.received", "violation", Long.toString(newId), null, after);
                return newId;
            });
            created.increment();
            log.info("violation {} from camera {} stored as case {}", e.eventId(), e.camera(), id);
            return Outcome.CREATED;
        } catch (DatabaseException ex) {
            if (ex.isUniqueViolation()) {
                duplicates.increment();
                log.info("violation {} already stored, duplicate delivery ignored", e.eventId());
                return Outcome.DUPLICATE;
            }
            if (ex.isRecordRefused()) {
                Map<String, String> tooLong = oversized(e);
                StringBuilder why = new StringBuilder();
                tooLong.forEach((name, detail) -> why.append("; ").append(name).append(" is ").append(detail));
                keepDeadLetter(DeadLetters.REFUSED, topic, key, payload, "the database refused violation "
                        + e.eventId() + " (SQLSTATE " + ex.sqlState() + "): " + rootMessage(ex) + why, "refused",
                        Map.of("event_id", e.eventId(), "sqlstate", String.valueOf(ex.sqlState()),
                                "fields", List.copyOf(tooLong.keySet())));
                refused.increment();
                return Outcome.REFUSED;
            }
            throw ex;
        }
    }

    private void keepDeadLetter(String kind, String topic, String key, byte[] payload, String error, String code,
                                Map<String, Object> params) {
        db.inTransaction(c -> DeadLetters.insert(c, kind, topic, key, payload, error, code, params, clock.instant()));
        log.warn("{} violation event on {} key={} kept as a dead letter: {}", kind, topic, key, error);
    }

    /** Which of the event's fields are longer than their columns (the database may not say), each with how much. */
    private Map<String, String> oversized(ViolationEvent e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", e.eventId());
        fields.put("type", e.type());
        fields.put("camera", e.camera());
        fields.put("approach", e.approach());
        fields.put("vehicle_class", e.vehicleClass());
        fields.put("location", e.location());
        fields.put("plate_read", e.plate() == null ? null : e.plate().text());
        fields.put("evidence_key", e.evidence() == null ? null : e.evidence().key());
        try {
            Map<String, Integer> limits = db.inTransaction(c -> ColumnLimits.of(c, "violations"));
            Map<String, String> out = new LinkedHashMap<>();
            fields.forEach((name, value) -> {
                Integer max = limits.get(name);
                if (value != null && max != null && max > 0 && value.length() > max) {
                    out.put(name, value.length() + " characters, its column holds " + max);
                }
            });
            return out;
        } catch (RuntimeException ex) {
            return Map.of();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
