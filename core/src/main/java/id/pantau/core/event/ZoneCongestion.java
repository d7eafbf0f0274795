package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One zone's statistics over one analysis interval ({@code type: congestion}).
 *
 * @param time           end of the interval
 * @param intervalStart  start of the interval
 * @param vehiclesMean   mean number of vehicles whose ground point is in the zone
 * @param occupancyPct   mean share of the zone covered by vehicle footprints (%), see docs/events.md
 * @param meanSpeedKmh   mean ground speed of the vehicles in the zone; null when none were measurable
 * @param queueLengthM   longest queue seen: distance from the stop line (or queue front) to the last stopped vehicle
 * @param flowPerMinute  vehicles entering the zone per minute, per class
 * @param level          level of service in force at the end of the interval (after hysteresis)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "event_id", "camera", "config_version", "time"})
public record ZoneCongestion(String eventId, String camera, int configVersion, OffsetDateTime time,
                             OffsetDateTime intervalStart, String zone, double vehiclesMean, int vehiclesMax,
                             double occupancyPct, Double meanSpeedKmh, double queueLengthM,
                             Map<String, Double> flowPerMinute, LevelOfService level) implements PipelineEvent {
    public static final String TYPE = "congestion";

    public ZoneCongestion {
        flowPerMinute = Map.copyOf(flowPerMinute);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
