package id.pantau.storage.config;

import java.util.List;

/** The evidence configuration cannot be used; {@link #problems()} lists each problem starting with its field. */
public class InvalidEvidenceConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidEvidenceConfigException(List<String> problems) {
        super("evidence store configuration is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
