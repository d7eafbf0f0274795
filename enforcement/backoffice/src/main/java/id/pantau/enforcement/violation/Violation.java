package id.pantau.enforcement.violation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import id.pantau.core.json.Json;
import id.pantau.enforcement.db.Sql;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** A review case as stored: the violation, its plate reading (and any correction) and where it is in review. */
public record Violation(
        long id,
        @JsonProperty("event_id") String eventId,
        String type,
        String camera,
        String approach,
        @JsonProperty("class") String vehicleClass,
        Instant time,
        String location,
        @JsonProperty("plate_read") String plateRead,
        @JsonProperty("plate_score") Double plateScore,
        @JsonProperty("plate_corrected") String plateCorrected,
        @JsonProperty("evidence_key") String evidenceKey,
        List<String> photos,
        ViolationStatus status,
        @JsonProperty("claimed_by") Long claimedBy,
        @JsonProperty("claim_expires_at") Instant claimExpiresAt,
        @JsonProperty("first_approver") Long firstApprover,
        @JsonProperty("reject_reason") String rejectReason,
        @JsonProperty("evidence_complete") boolean evidenceComplete,
        @JsonProperty("evidence_problems") List<String> evidenceProblems) {

    /** The plate text a ticket would carry: the officer's correction if there is one, else the reading. */
    @JsonProperty("plate")
    public String effectivePlate() {
        return plateCorrected != null ? plateCorrected : plateRead;
    }

    public static Violation from(ResultSet rs) throws SQLException {
        List<String> photos;
        List<String> problems;
        try {
            String p = rs.getString("photos");
            photos = p == null ? List.of() : Json.mapper().readValue(p, new TypeReference<List<String>>() { });
            String q = rs.getString("evidence_problems");
            problems = q == null ? List.of() : Json.mapper().readValue(q, new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Violation(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"), rs.getString("camera"),
                rs.getString("approach"), rs.getString("vehicle_class"), Sql.instant(rs, "occurred_at"),
                rs.getString("location"), rs.getString("plate_read"), Sql.nullableDouble(rs, "plate_score"),
                rs.getString("plate_corrected"), rs.getString("evidence_key"), photos,
                ViolationStatus.parse(rs.getString("status")), Sql.nullableLong(rs, "claimed_by"),
                Sql.instant(rs, "claim_expires_at"), Sql.nullableLong(rs, "first_approver"), rs.getString("reject_reason"),
                rs.getBoolean("evidence_complete"), problems);
    }
}
