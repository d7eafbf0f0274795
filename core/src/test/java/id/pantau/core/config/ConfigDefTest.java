package id.pantau.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDefTest {
    private final ConfigDef def = new ConfigDef("test");
    private final Option port = def.define(Option.of("http.port", OptionType.INT).defaultValue(8080)
            .range(Range.closed(0, 65535)).doc("port").readBy(ReadBy.NODE));
    private final Option threshold = def.define(Option.of("detector.score_threshold", OptionType.DOUBLE)
            .defaultValue(0.1).range(Range.open(0, 1)).doc("score").readBy(ReadBy.PERCEPTION));
    private final Option provider = def.define(Option.of("detector.provider", OptionType.ENUM).defaultValue("cpu")
            .allowed("cpu", "cuda").allowedText("cpu or cuda").doc("provider").readBy(ReadBy.PERCEPTION));
    private final Option batch = def.define(Option.of("detector.max_batch", OptionType.INT)
            .derivedDefault(c -> "cuda".equals(c.string(provider)) ? 8 : 1, "8 on cuda, 1 on cpu")
            .range(Range.closed(1, 64)).doc("batch").readBy(ReadBy.PERCEPTION));
    private final Option name = def.define(Option.of("name", OptionType.STRING).maxLength(5)
            .doc("name").readBy(ReadBy.NODE));
    private final Option dir = def.define(Option.of("data_dir", OptionType.PATH).defaultValue(Path.of("var"))
            .doc("dir").readBy(ReadBy.NODE));
    private final Option stages = def.define(Option.listOf("stages", OptionType.ENUM).allowed("a", "b")
            .doc("stages").readBy(ReadBy.NODE));

    private static JsonNode yaml(String text) throws Exception {
        return Json.yaml().readTree(text);
    }

    @Test
    void fillsDefaultsAndDerivesFromOtherOptions() throws Exception {
        Config c = def.parse(yaml("detector: {provider: CUDA}\n"), "", null);
        assertThat(c.errors()).isEmpty();
        assertThat(c.intValue(port)).isEqualTo(8080);
        assertThat(c.string(provider)).isEqualTo("cuda");
        assertThat(c.intValue(batch)).isEqualTo(8);
        assertThat(c.given(provider)).isTrue();
        assertThat(c.given(port)).isFalse();
        assertThat(def.parse(null, "", null).intValue(batch)).isEqualTo(1);
    }

    @Test
    void reportsEveryProblemAtOnceByPath() throws Exception {
        Config c = def.parse(yaml("""
                http: {port: 70000, hots: x}
                detector: {score_threshold: 1.5, provider: tpu, max_batch: 1e308}
                name: toolong
                stages: [a, teleport]
                data_dri: x
                """), "", null);
        assertThat(c.errors()).containsExactlyInAnyOrder(
                "http.hots: unknown field (known fields: port)",
                "data_dri: unknown field (known fields: data_dir, detector, http, name, stages)",
                "http.port: must be 0..65535, got 70000",
                "detector.score_threshold: must be in (0, 1), got 1.5",
                "detector.provider: must be cpu or cuda, got 'tpu'",
                "detector.max_batch: must be 1..64, got 1.0E308",
                "name: at most 5 characters, got 7",
                "stages[1]: must be a|b, got 'teleport'");
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        Config c = def.parse(yaml("http: {port: eighty}\ndetector: [1]\nstages: a\n"), "cameras[0]", null);
        assertThat(c.errors()).containsExactlyInAnyOrder(
                "cameras[0].http.port: expected a number, got 'eighty'",
                "cameras[0].detector: expected an object",
                "cameras[0].stages: expected a list");
    }

    @Test
    void resolvesPathsAgainstTheBase() throws Exception {
        Config c = def.parse(yaml("data_dir: data\n"), "", Path.of("/etc/pantau"));
        assertThat(c.path(dir)).isEqualTo(Path.of("/etc/pantau/data"));
    }

    @Test
    void recordsReadsExceptQuietOnes() {
        ConfigReads.reset();
        ConfigReads.quietly(() -> {
            port.markRead();
            return null;
        });
        assertThat(ConfigReads.wasRead(port)).isFalse();
        port.markRead();
        assertThat(ConfigReads.wasRead(port)).isTrue();
    }

    @Test
    void rendersTheReferenceTableBetweenMarkers() {
        String table = ConfigDocs.table(def, "");
        assertThat(table).contains("| `detector.max_batch` | int | 8 on cuda, 1 on cpu | 1..64 | perception | batch |");
        String doc = "intro\n" + ConfigDocs.begin("x") + "\nold\n" + ConfigDocs.END + "\nafter\n";
        assertThat(ConfigDocs.replace(doc, "x", table))
                .isEqualTo("intro\n" + ConfigDocs.begin("x") + "\n" + table + ConfigDocs.END + "\nafter\n");
    }
}
