package id.pantau.enforcement.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The result of checking the audit chain: {@code ok} when every entry's hash matches its content and links to
 * its predecessor; otherwise {@code breaks} names each broken entry by sequence number and what is wrong.
 */
public record AuditVerification(boolean ok, @JsonProperty("entries_checked") long entriesChecked, List<Break> breaks) {

    public record Break(long seq, String problem) {
    }
}
