package id.pantau.enforcement.violation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The violation event contract published by the analytics stage on {@code pantau.violations} (snake_case).
 * Unknown fields are tolerated (upstream may add some); the fields this service relies on are checked by
 * {@link ViolationEventParser}.
 */
public record ViolationEvent(
        String type,
        @JsonProperty("event_id") String eventId,
        String camera,
        String approach,
        @JsonProperty("track_id") Long trackId,
        @JsonProperty("class") String vehicleClass,
        OffsetDateTime time,
        @JsonProperty("signal_state") String signalState,
        @JsonProperty("time_into_red_s") Double timeIntoRedS,
        @JsonProperty("amber_duration_s") Double amberDurationS,
        @JsonProperty("speed_kmh") Double speedKmh,
        Frames frames,
        @JsonProperty("config_version") Integer configVersion,
        String location,
        Plate plate,
        Evidence evidence) {

    public record Frames(Long before, Long at, Long after) {
    }

    public record Plate(String text, String region, Double score) {
    }

    /**
     * @param complete false when the evidence stage could not take every photo from its stated moment (or made
     *                 no package): the case is kept out of the normal review queue; null (older producers) = true
     *                 when there is a package
     * @param problems why it is not complete
     */
    public record Evidence(String key, @JsonProperty("manifest_sha256") String manifestSha256, List<String> photos,
                           Boolean complete, List<String> problems) {
        public Evidence(String key, String manifestSha256, List<String> photos) {
            this(key, manifestSha256, photos, null, null);
        }

        /** Complete: a package exists and the evidence stage did not flag it. */
        public boolean completeWithPackage() {
            return key != null && !Boolean.FALSE.equals(complete);
        }
    }
}
