package id.pantau.core.camera.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema agrees with the loader: the worked example and the fixture pass both. */
class CameraConfigSchemaTest {
    static JsonSchema schema(String resource) throws Exception {
        try (InputStream in = CameraConfigSchemaTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Path workedExample() {
        return Path.of(System.getProperty("pantau.home"), "docs", "examples", "hanoi-camera.json");
    }

    @Test
    void workedExamplePassesTheSchemaAndTheLoader() throws Exception {
        JsonNode example = Json.mapper().readTree(workedExample().toFile());
        Set<ValidationMessage> problems = schema("/schema/camera-config.schema.json").validate(example);
        assertThat(problems).isEmpty();
        CameraConfig c = new CameraConfigLoader().load(workedExample());
        assertThat(c.approaches()).singleElement().satisfies(a -> {
            assertThat(a.signal().source()).isEqualTo(SignalSource.VISION);
            assertThat(a.stopLine().a()).isEqualTo(new XY(195, 384));
        });
    }

    @Test
    void fixturePassesAndABrokenOneFailsTheSchema() throws Exception {
        JsonSchema schema = schema("/schema/camera-config.schema.json");
        ObjectNode n = ConfigFixtures.valid();
        assertThat(schema.validate(n)).isEmpty();
        ((ObjectNode) n.at("/approaches/0")).put("heading_deg", 180.0);
        assertThat(schema.validate(n)).as("an approach heading").isEmpty();
        ((ObjectNode) n.at("/approaches/0")).put("heading_deg", 360.0);
        assertThat(schema.validate(n)).as("a heading of 360 is 0").isNotEmpty();
        ((ObjectNode) n.at("/approaches/0")).remove("heading_deg");
        ((ObjectNode) n.at("/approaches/0/signal")).remove("lamps");
        ((ObjectNode) n.at("/counting_lines/0")).put("in_direction", "north");
        assertThat(schema.validate(n)).hasSizeGreaterThanOrEqualTo(2);
    }
}
