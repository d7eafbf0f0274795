package id.pantau.enforcement.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** One audit trail entry as stored: who did what to which record, with the record before and after (JSON). */
public record AuditEntry(long seq, Instant at, String actor, String action, String entity,
                         @JsonProperty("entity_id") String entityId,
                         @JsonProperty("before") String beforeJson,
                         @JsonProperty("after") String afterJson,
                         @JsonProperty("prev_hash") String prevHash, String hash) {
}
