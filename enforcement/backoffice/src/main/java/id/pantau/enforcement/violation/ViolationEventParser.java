package id.pantau.enforcement.violation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses and checks a violation event; the exception message says which field is wrong and how. */
public final class ViolationEventParser {
    private static final ObjectReader READER = Json.mapper().readerFor(ViolationEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ViolationEventParser() {
    }

    /** Larger events cannot be a violation record (the stored copy is limited); they are kept as invalid. */
    public static final int MAX_EVENT_BYTES = 60_000;

    public static ViolationEvent parse(byte[] json) {
        if (json.length > MAX_EVENT_BYTES) {
            throw new InvalidViolationEvent("too_large", Map.of("bytes", json.length, "max", MAX_EVENT_BYTES),
                    "violation event is " + json.length + " bytes, more than the "
                    + MAX_EVENT_BYTES + " allowed: upstream must not embed images in the event");
        }
        ViolationEvent e;
        try {
            e = READER.readValue(json);
        } catch (JsonProcessingException ex) {
            throw new InvalidViolationEvent("not_json", Map.of(),
                    "violation event is not valid JSON for the contract: " + ex.getOriginalMessage(), ex);
        } catch (IOException ex) {
            throw new InvalidViolationEvent("unreadable", Map.of(), "violation event could not be read: " + ex.getMessage(), ex);
        }
        if (e == null) {
            throw new InvalidViolationEvent("empty", Map.of(), "violation event is empty (JSON null)");
        }
        List<String> errors = new ArrayList<>();
        require(errors, "type", e.type(), 64);
        require(errors, "event_id", e.eventId(), 200);
        require(errors, "camera", e.camera(), 64);
        if (e.time() == null) {
            errors.add("time is required (ISO-8601 with offset, e.g. 2026-11-23T10:00:01.234+07:00)");
        }
        if (e.plate() != null) {
            if (e.plate().score() != null && (e.plate().score() < 0 || e.plate().score() > 1)) {
                errors.add("plate.score must be within 0..1, was " + e.plate().score());
            }
            if (e.plate().text() != null && e.plate().text().length() > 32) {
                errors.add("plate.text is longer than 32 characters");
            }
        }
        if (e.evidence() != null && e.evidence().key() != null && e.evidence().key().length() > 300) {
            errors.add("evidence.key is longer than 300 characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidViolationEvent("rejected", Map.of("event_id", e.eventId() == null ? "" : e.eventId(),
                    "fields", fields(errors)),
                    "violation event " + (e.eventId() == null ? "(no event_id)" : e.eventId())
                    + " rejected: " + String.join("; ", errors));
        }
        return e;
    }

    /** The fields the problems name (each problem begins with its field), for the dead letter's reason code. */
    private static List<String> fields(List<String> errors) {
        return errors.stream().map(e -> e.split(" ", 2)[0]).distinct().toList();
    }

    private static void require(List<String> errors, String field, String v, int max) {
        if (v == null || v.isBlank()) {
            errors.add(field + " is required");
        } else if (v.length() > max) {
            errors.add(field + " is longer than " + max + " characters");
        }
    }
}
