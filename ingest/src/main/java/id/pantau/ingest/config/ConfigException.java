package id.pantau.ingest.config;

import java.util.List;

/**
 * A camera list that cannot be used, with every problem found (not just the first), each naming the field,
 * e.g. {@code cameras[2].analysis_fps: must be > 0, got -1}.
 */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid camera config " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
