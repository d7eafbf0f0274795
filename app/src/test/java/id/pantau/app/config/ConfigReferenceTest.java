package id.pantau.app.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs' option tables are what the declarations say; regenerate with {@link ConfigReference#main}. */
class ConfigReferenceTest {
    @Test
    void everyReferenceTableMatchesItsDeclaration() throws Exception {
        Path root = Path.of(System.getProperty("pantau.home"));
        for (ConfigReference.Table t : ConfigReference.TABLES) {
            String doc = Files.readString(root.resolve(t.document()), StandardCharsets.UTF_8);
            assertThat(doc).as(t.document() + " (regenerate: run id.pantau.app.config.ConfigReference with the repository root)")
                    .isEqualTo(ConfigReference.render(t, doc));
        }
    }
}
