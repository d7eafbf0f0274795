package id.pantau.core.camera.config;

/** One thing wrong with a configuration: the JSON path of the field and what is wrong with it. */
public record ConfigError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
