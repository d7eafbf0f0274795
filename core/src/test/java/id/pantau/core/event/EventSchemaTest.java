package id.pantau.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event the codec writes passes the published event schema; a broken one does not. */
class EventSchemaTest {
    private final OffsetDateTime t = OffsetDateTime.parse("2026-11-23T10:00:01.234+07:00");

    private static JsonSchema schema() throws Exception {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schema/pipeline-event.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void codecOutputMatchesTheSchema() throws Exception {
        JsonSchema schema = schema();
        EventCodec codec = new EventCodec();
        List<PipelineEvent> events = List.of(
                new RedLightViolation("c:north:17:126", "c", "north", 17, "motorcycle", t, SignalState.RED, 2.4, 3.0,
                        23.5, new RedLightViolation.Frames(120, 126, 132), 3, null, null, null),
                new LineCrossing("c:main:5:in", "c", 2, t, 40, "main", 5, "car", CrossingDirection.IN, 31.0),
                new ZoneCongestion("c:q:1", "c", 2, t, t.minusSeconds(60), "q", 4.5, 7, 33.3, null, 18.5,
                        Map.of("car", 3.0), LevelOfService.C),
                new CongestionAlert("c:q:raised:9", "c", 2, t, "q", AlertState.RAISED, LevelOfService.E, 55.0, 4.0),
                new SignalChange("c:north:red:77", "c", 2, t, "north", "vision", SignalState.RED, SignalState.AMBER,
                        3.0, 77),
                new SignalFault("c:north:dark:raised:80", "c", 2, t, "north", SignalFaultKind.DARK,
                        AlertState.RAISED, "all lamps off for 5.0 s", 80));
        for (PipelineEvent e : events) {
            JsonNode json = Json.mapper().readTree(codec.encode(e));
            assertThat(schema.validate(json)).as(e.type()).isEmpty();
        }
        // a violation on green is not one: the schema says signal_state is "red"
        JsonNode broken = Json.mapper().readTree(codec.toJson(events.getFirst())
                .replace("\"signal_state\":\"red\"", "\"signal_state\":\"green\""));
        assertThat(schema.validate(broken)).isNotEmpty();
    }
}
