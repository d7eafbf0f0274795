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

    public record Evidence(String key, @JsonProperty("manifest_sha256") String manifestSha256, List<String> photos) {
    }
}
