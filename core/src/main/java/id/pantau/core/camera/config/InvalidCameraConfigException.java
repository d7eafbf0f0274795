package id.pantau.core.camera.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that was rejected, with every problem found (not just the first). */
public final class InvalidCameraConfigException extends Exception {
    private final transient List<ConfigError> errors;

    public InvalidCameraConfigException(String source, List<ConfigError> errors) {
        super("camera configuration " + source + " rejected, " + errors.size() + " problem(s); fix them and save"
                + " again (the version in force stays in force):\n  "
                + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
