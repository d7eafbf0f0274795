package id.pantau.enforcement.complaint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A complaint as SiKesal sends it (JSON, parsed strictly: an unknown field is a 400 naming it). Every field is
 * read as given and checked by {@link ComplaintValidator}, so each mistake is reported with its field's name.
 *
 * @param reportedAt ISO-8601 with offset, e.g. {@code 2026-12-01T07:15:00+07:00}
 * @param photo      base64 of a JPEG or PNG (a {@code data:image/...;base64,} prefix is accepted)
 */
public record ComplaintInput(@JsonProperty("external_id") String externalId, String category, String text,
                             @JsonProperty("reported_at") String reportedAt, Location location, String area,
                             @JsonProperty("reporter_contact") String reporterContact, String photo) {

    /** Coordinates (WGS 84) and/or an address; at least one of them. */
    public record Location(Double lat, Double lon, String address) {
    }
}
