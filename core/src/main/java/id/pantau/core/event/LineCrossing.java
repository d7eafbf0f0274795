package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/** A track crossed a counting line (counted once per track, line and direction). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "config_version", "time"})
public record LineCrossing(String eventId, String camera, int configVersion, OffsetDateTime time, long frame,
                           String line, long trackId, @JsonProperty("class") String roadUserClass,
                           CrossingDirection direction, Double speedKmh) implements PipelineEvent {
    public static final String TYPE = "line_crossing";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
