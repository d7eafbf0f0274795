package id.pantau.enforcement.complaint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A complaint as the API shows it, with the cameras it is linked to and the camera alerts that confirm it.
 * {@link #corroborated()} is what the console shows as "terkonfirmasi kamera".
 */
public record Complaint(long id, @JsonProperty("external_id") String externalId, String source, String category,
                       String text, @JsonProperty("reported_at") Instant reportedAt, Location location, String area,
                       @JsonProperty("reporter_contact") @JsonInclude(JsonInclude.Include.NON_NULL) String reporterContact,
                       @JsonProperty("has_photo") boolean hasPhoto, String status, String opd,
                       @JsonProperty("status_reason") String statusReason, @JsonProperty("received_at") Instant receivedAt,
                       @JsonProperty("updated_at") Instant updatedAt, List<CameraLinker.Link> cameras,
                       List<Corroborating> corroborations) {
    /** What everyone but an admin sees in place of the reporter's contact. */
    public static final String REDACTED = "[disembunyikan]";

    public record Location(Double lat, Double lon, String address) {
    }

    /**
     * A camera alert that confirms the complaint.
     *
     * @param subject the approach (signal fault) or zone (congestion alert)
     */
    public record Corroborating(@JsonProperty("event_id") String eventId, String type, String camera,
                                @JsonProperty("occurred_at") Instant occurredAt, String subject, String detail,
                                @JsonProperty("has_snapshot") boolean hasSnapshot) {
    }

    @JsonProperty("corroborated")
    public boolean corroborated() {
        return !corroborations.isEmpty();
    }

    /** The complaint as a non-admin sees it: a given contact is replaced by {@link #REDACTED}. */
    public Complaint redacted() {
        return reporterContact == null ? this : new Complaint(id, externalId, source, category, text, reportedAt, location,
                area, REDACTED, hasPhoto, status, opd, statusReason, receivedAt, updatedAt, cameras, corroborations);
    }
}
