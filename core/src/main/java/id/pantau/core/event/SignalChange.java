package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * An approach's signal changed state.
 *
 * @param source            vision or controller
 * @param previousDurationS how long the previous state lasted; null when its start was not observed
 * @param frame             the analysed frame at which the change was adopted (-1 for a controller event
 *                          applied between frames)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "config_version", "time"})
public record SignalChange(String eventId, String camera, int configVersion, OffsetDateTime time, String approach,
                           String source, SignalState state, SignalState previousState, Double previousDurationS,
                           long frame) implements PipelineEvent {
    public static final String TYPE = "signal_change";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
