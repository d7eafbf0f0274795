package id.pantau.app.config;

import java.util.List;

/** A node configuration that cannot run, with every problem named by its field. */
public class NodeConfigException extends RuntimeException {
    private final List<String> problems;

    public NodeConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
