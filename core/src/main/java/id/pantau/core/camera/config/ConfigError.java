package id.pantau.core.camera.config;

import java.util.Map;

/**
 * One thing wrong with a configuration: the JSON path of the field and what is wrong with it. The message is
 * English for logs and files; {@code code} and {@code params} say the same in a stable form that a page
 * translates (the console shows it in Indonesian), so the wording can change without breaking a translation.
 *
 * @param code   a stable name of the problem (missing, outside_frame, duplicate_id, ...), or null where none is
 *               given (the page then shows a general "invalid" in its language)
 * @param params the values the message names (point, frame, count, ...), for the translation
 */
public record ConfigError(String field, String message, String code, Map<String, Object> params) {
    public ConfigError {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public ConfigError(String field, String message) {
        this(field, message, null, Map.of());
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
