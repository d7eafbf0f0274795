package id.pantau.enforcement.complaint;

import java.time.Instant;

/** A complaint that passed {@link ComplaintValidator}: trimmed, typed, within limits. */
public record ValidComplaint(String externalId, ComplaintCategory category, String text, Instant reportedAt, Double lat,
                            Double lon, String address, String area, String reporterContact, Photo photo) {

    /** @param mediaType image/jpeg or image/png, from the bytes themselves */
    public record Photo(String mediaType, byte[] bytes) {
    }
}
