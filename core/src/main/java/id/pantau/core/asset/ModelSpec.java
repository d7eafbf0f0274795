package id.pantau.core.asset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One entry of {@code models/manifest.json}: what the file is, where it comes from, and how to feed it.
 *
 * @param archiveMember for files published inside an archive (the PP-OCR models come in an npm .tgz): the member path
 * @param input  the input tensor spec (name, shape, colour order, scaling), free-form as the families differ
 * @param output the output tensor spec
 * @param classes class names in output order, empty where not applicable
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ModelSpec(String name, String file, String family, String licence, String url,
                        @JsonProperty("archive_member") String archiveMember, String description,
                        JsonNode input, JsonNode output, List<String> classes, String sha256, long size) {
    public ModelSpec {
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    AssetEntry asEntry() {
        return new AssetEntry("model '" + name + "'", "models/" + file, sha256, size, url, archiveMember);
    }
}
