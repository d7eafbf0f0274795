package id.pantau.core.camera.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a camera configuration from JSON and validates it. Structural errors (a wrong type, an unknown field:
 * usually a typo) are reported with their path; when the structure is sound every semantic problem is
 * reported at once by {@link CameraConfigValidator}.
 */
public final class CameraConfigLoader {
    private final CameraConfigValidator validator = new CameraConfigValidator();

    public CameraConfig parse(byte[] json, String source) throws InvalidCameraConfigException {
        CameraConfig config;
        try {
            config = Json.mapper().readValue(json, CameraConfig.class);
        } catch (JsonMappingException ex) {
            throw new InvalidCameraConfigException(source,
                    List.of(new ConfigError(path(ex.getPath()), ex.getOriginalMessage())));
        } catch (JacksonException ex) {
            throw new InvalidCameraConfigException(source,
                    List.of(new ConfigError("(document)", "not valid JSON: " + ex.getOriginalMessage())));
        } catch (IOException ex) {
            throw new InvalidCameraConfigException(source, List.of(new ConfigError("(document)", ex.toString())));
        }
        if (config == null) {
            throw new InvalidCameraConfigException(source, List.of(new ConfigError("(document)", "empty")));
        }
        return validate(config, source);
    }

    public CameraConfig validate(CameraConfig config, String source) throws InvalidCameraConfigException {
        List<ConfigError> errors = validator.validate(config);
        if (!errors.isEmpty()) {
            throw new InvalidCameraConfigException(source, errors);
        }
        return config;
    }

    public CameraConfig load(Path file) throws IOException, InvalidCameraConfigException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Jackson's reference chain as the JSON path an operator sees: {@code zones[1].polygon}. */
    static String path(List<JsonMappingException.Reference> refs) {
        if (refs.isEmpty()) {
            return "(document)";
        }
        String p = refs.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining());
        return p.startsWith(".") ? p.substring(1) : p;
    }
}
