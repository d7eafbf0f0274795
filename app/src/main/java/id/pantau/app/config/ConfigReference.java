package id.pantau.app.config;

import id.pantau.core.camera.config.CameraConfigOptions;
import id.pantau.core.config.ConfigDef;
import id.pantau.core.config.ConfigDocs;
import id.pantau.ingest.config.CameraListOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the option reference tables into the docs from the declarations, between
 * {@code <!-- BEGIN GENERATED: <marker> -->} and {@code <!-- END GENERATED -->}:
 * {@code java ... id.pantau.app.config.ConfigReference [repository root]}. {@code ConfigReferenceTest} fails when a
 * document differs from what this would write.
 */
public final class ConfigReference {
    /** One generated table: which document, which marker, which declaration, how keys are prefixed. */
    public record Table(String document, String marker, ConfigDef def, String keyPrefix) {
    }

    public static final List<Table> TABLES = List.of(
            new Table("docs/node-config.md", "node options", NodeOptions.DEF, ""),
            new Table("docs/camera-config.md", "camera options", CameraConfigOptions.DEF, ""),
            new Table("ingest/README.md", "camera list options", CameraListOptions.DEF, "cameras[]."));

    private ConfigReference() {
    }

    /** The document's text with its table regenerated. */
    public static String render(Table t, String document) {
        return ConfigDocs.replace(document, t.marker(), ConfigDocs.table(t.def(), t.keyPrefix()));
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (Table t : TABLES) {
            Path doc = root.resolve(t.document());
            String before = Files.readString(doc, StandardCharsets.UTF_8);
            String after = render(t, before);
            if (!after.equals(before)) {
                Files.writeString(doc, after, StandardCharsets.UTF_8);
                System.out.println("regenerated " + t.marker() + " in " + doc);
            }
        }
    }
}
