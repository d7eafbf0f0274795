package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/** A zone's level of service reached (raised) or left (cleared) the configured alert level. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "config_version", "time"})
public record CongestionAlert(String eventId, String camera, int configVersion, OffsetDateTime time, String zone,
                              AlertState state, LevelOfService level, double occupancyPct, Double meanSpeedKmh)
        implements PipelineEvent {
    public static final String TYPE = "congestion_alert";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
