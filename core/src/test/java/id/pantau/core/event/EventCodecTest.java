package id.pantau.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();
    private final OffsetDateTime t = OffsetDateTime.parse("2026-11-23T10:00:01.234+07:00");

    private RedLightViolation violation() {
        return new RedLightViolation(RedLightViolation.eventId("simpang-kawat-1", "north", 17, 126),
                "simpang-kawat-1", "north", 17, "motorcycle", t, SignalState.RED, 2.4, 3.0, 23.5,
                new RedLightViolation.Frames(120, 126, 132), 3, "Simpang Kawat, Kota Jambi", null, null);
    }

    @Test
    void violationFollowsTheEnforcementContract() throws Exception {
        JsonNode json = Json.mapper().readTree(codec.encode(violation()));
        JsonNode expected = Json.mapper().readTree("""
                {"type":"red_light_violation","event_id":"simpang-kawat-1:north:17:126","camera":"simpang-kawat-1",
                 "approach":"north","track_id":17,"class":"motorcycle","time":"2026-11-23T10:00:01.234+07:00",
                 "signal_state":"red","time_into_red_s":2.4,"amber_duration_s":3.0,"speed_kmh":23.5,
                 "frames":{"before":120,"at":126,"after":132},"config_version":3,
                 "location":"Simpang Kawat, Kota Jambi"}
                """);
        assertThat(json).isEqualTo(expected);
    }

    @Test
    void violationWithPlateAndEvidenceAddedLaterStillDecodes() throws Exception {
        String withPlate = codec.toJson(violation()).replaceFirst("}$",
                ",\"plate\":{\"text\":\"BH 1234 XY\",\"confidence\":0.91},\"evidence\":{\"clip\":\"s3://x/y.mp4\"}}");
        RedLightViolation v = (RedLightViolation) codec.decode(withPlate.getBytes());
        assertThat(v.plate().get("text").asText()).isEqualTo("BH 1234 XY");
        assertThat(v.evidence().get("clip").asText()).isEqualTo("s3://x/y.mp4");
    }

    @Test
    void everyEventTypeRoundTrips() {
        List<PipelineEvent> events = List.of(
                violation(),
                new LineCrossing("c:main:5:in", "c", 2, t, 40, "main", 5, "car", CrossingDirection.IN, 31.0),
                new ZoneCongestion("c:q:1", "c", 2, t, t.minusSeconds(60), "q", 4.5, 7, 33.3, 12.0, 18.5,
                        Map.of("car", 3.0, "motorcycle", 11.0), LevelOfService.C),
                new CongestionAlert("c:q:raised:9", "c", 2, t, "q", AlertState.RAISED, LevelOfService.E, 55.0, 4.0),
                new SignalChange("c:north:77", "c", 2, t, "north", "vision", SignalState.RED, SignalState.AMBER,
                        3.0, 77),
                new SignalFault("c:north:dark:raised:80", "c", 2, t, "north", SignalFaultKind.DARK,
                        AlertState.RAISED, "all lamps off for 5.0 s", 80));
        for (PipelineEvent e : events) {
            byte[] json = codec.encode(e);
            assertThat(codec.decode(json)).as(e.type()).isEqualTo(e);
            assertThat(new String(json)).startsWith("{\"type\":\"" + e.type() + "\"").contains("\"config_version\":" + e.configVersion(),
                    "\"event_id\"", "\"camera\"").doesNotContain("+00:00").contains("+07:00");
        }
    }

    @Test
    void unknownTypeOrFieldIsAClearError() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"parking\",\"event_id\":\"x\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parking");
        String extra = codec.toJson(new LineCrossing("c:l:1:in", "c", 1, t, 1, "l", 1, "car",
                CrossingDirection.IN, null)).replaceFirst("}$", ",\"colour\":\"red\"}");
        assertThatThrownBy(() -> codec.decode(extra.getBytes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour");
    }
}
