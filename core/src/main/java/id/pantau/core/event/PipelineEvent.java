package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.OffsetDateTime;

/**
 * Everything the analytics report, as published on {@code pantau.events} (JSON via {@link EventCodec},
 * documented in docs/events.md). Each event names its camera, the configuration version it was computed
 * with and a deterministic {@code event_id}, so a consumer that sees it twice (the bus is at-least-once)
 * can drop the duplicate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LineCrossing.class, name = LineCrossing.TYPE),
        @JsonSubTypes.Type(value = ZoneCongestion.class, name = ZoneCongestion.TYPE),
        @JsonSubTypes.Type(value = CongestionAlert.class, name = CongestionAlert.TYPE),
        @JsonSubTypes.Type(value = SignalChange.class, name = SignalChange.TYPE),
        @JsonSubTypes.Type(value = SignalFault.class, name = SignalFault.TYPE),
        @JsonSubTypes.Type(value = RedLightViolation.class, name = RedLightViolation.TYPE)})
public sealed interface PipelineEvent
        permits LineCrossing, ZoneCongestion, CongestionAlert, SignalChange, SignalFault, RedLightViolation {

    String eventId();

    String camera();

    int configVersion();

    /** When it happened, in the camera's time zone (ISO-8601 with offset in JSON). */
    OffsetDateTime time();

    /** The JSON {@code type} value. */
    String type();
}
