package id.pantau.core.asset;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the model and data manifests shipped on the classpath (copied from models/ and data/ at build time). */
public final class Manifests {
    private Manifests() {
    }

    public static Map<String, ModelSpec> models() {
        JsonNode root = read("pantau/models/manifest.json");
        List<ModelSpec> list = Json.mapper().convertValue(root.get("models"), new TypeReference<>() { });
        Map<String, ModelSpec> byName = new LinkedHashMap<>();
        list.forEach(m -> byName.put(m.name(), m));
        return byName;
    }

    public static Map<String, DataFile> data() {
        JsonNode root = read("pantau/data/manifest.json");
        List<DataFile> list = Json.mapper().convertValue(root.get("files"), new TypeReference<>() { });
        Map<String, DataFile> byPath = new LinkedHashMap<>();
        list.forEach(f -> byPath.put(f.path(), f));
        return byPath;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("manifest " + resource + " is not on the classpath: the build copies "
                        + "models/manifest.json and data/manifest.json into pantau-core; rebuild with ./pantau build");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + resource, e);
        }
    }
}
