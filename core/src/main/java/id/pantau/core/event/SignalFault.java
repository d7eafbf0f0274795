package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * A signal head went dark or got stuck (raised), or recovered (cleared). Red-light enforcement on the
 * approach is paused while a fault is raised.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "config_version", "time"})
public record SignalFault(String eventId, String camera, int configVersion, OffsetDateTime time, String approach,
                          SignalFaultKind fault, AlertState state, String detail, long frame)
        implements PipelineEvent {
    public static final String TYPE = "signal_fault";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
