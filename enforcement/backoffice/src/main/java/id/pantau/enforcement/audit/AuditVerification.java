package id.pantau.enforcement.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The result of checking the audit chain: {@code ok} when every entry's hash matches its content and links to
 * its predecessor, and every signed checkpoint outside the database still matches the chain; otherwise
 * {@code breaks} names each broken entry or checkpoint by sequence number and what is wrong.
 * {@code checkpoints} says whether the chain is anchored, how many checkpoints were checked and the latest one.
 */
public record AuditVerification(boolean ok, @JsonProperty("entries_checked") long entriesChecked, List<Break> breaks,
                                AuditCheckpoints.Summary checkpoints) {

    public AuditVerification(boolean ok, long entriesChecked, List<Break> breaks) {
        this(ok, entriesChecked, breaks, null);
    }

    public record Break(long seq, String problem) {
    }
}
