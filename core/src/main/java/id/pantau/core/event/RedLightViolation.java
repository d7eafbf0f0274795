package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A vehicle crossed a stop line on red: the contract consumed by enforcement from {@code pantau.violations}.
 * The field names are fixed (docs/events.md); {@code plate} and {@code evidence} are filled by later stages.
 *
 * @param eventId        {@code <camera>:<approach>:<track_id>:<capture ms of the crossing frame>} ({@link EventIds})
 * @param time           the crossing time (first frame with the ground point past the stop line)
 * @param timeIntoRedS   seconds from red onset to the crossing
 * @param amberDurationS how long the amber before this red lasted; null when its start was not observed
 * @param speedKmh       ground speed at the crossing; null when the track was too short to measure it
 * @param frames         analysed frame numbers before, at and after the crossing (after = when the vehicle had
 *                       travelled the violation distance)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "approach", "track_id", "class", "time", "signal_state",
        "time_into_red_s", "amber_duration_s", "speed_kmh", "frames", "config_version", "location", "plate",
        "evidence"})
public record RedLightViolation(String eventId, String camera, String approach, long trackId,
                                @JsonProperty("class") String roadUserClass, OffsetDateTime time,
                                SignalState signalState, double timeIntoRedS, Double amberDurationS,
                                Double speedKmh, Frames frames, int configVersion, String location,
                                JsonNode plate, JsonNode evidence) implements PipelineEvent {
    public static final String TYPE = "red_light_violation";

    /** The id of the violation by this track whose crossing frame was captured at {@code crossing}. */
    public static String eventId(String camera, String approach, long trackId, Instant crossing) {
        return EventIds.redLightViolation(camera, approach, trackId, crossing);
    }

    /**
     * @param crossingCaptureMs capture time of the crossing frame, epoch milliseconds (not the frame number: frame
     *                          numbers start again at 0 when a node restarts)
     */
    public static String eventId(String camera, String approach, long trackId, long crossingCaptureMs) {
        return eventId(camera, approach, trackId, Instant.ofEpochMilli(crossingCaptureMs));
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }

    public record Frames(long before, long at, long after) {
    }
}
