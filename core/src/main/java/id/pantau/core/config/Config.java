package id.pantau.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed values of one parsed configuration (defaults filled in) and every problem found, each as
 * {@code path: what is wrong}. Loaders turn it into their own typed objects; those objects' accessors
 * {@link Option#markRead() mark} the options they hand out.
 */
public final class Config {
    private final ConfigDef def;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> given;
    private final List<String> errors;

    Config(ConfigDef def, Set<String> given, List<String> errors) {
        this.def = def;
        this.given = Collections.unmodifiableSet(given);  // filled while parsing
        this.errors = errors;
    }

    void put(Option o, Object value) {
        values.put(o.name(), value);
    }

    public ConfigDef def() {
        return def;
    }

    /** Every problem, in declaration order; empty when the configuration is usable. */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Whether the file gave the option (rather than it taking its default). */
    public boolean given(Option o) {
        return given.contains(o.name());
    }

    /** The value, the default when absent, or null when there is neither (or the given value was wrong). */
    public Object get(Option o) {
        if (def.option(o.name()) != o) {
            throw new IllegalArgumentException(o + " is not declared in " + def.name());
        }
        return values.get(o.name());
    }

    public Integer intValue(Option o) {
        return (Integer) get(o);
    }

    public Double doubleValue(Option o) {
        return (Double) get(o);
    }

    public String string(Option o) {
        return (String) get(o);
    }

    public Boolean bool(Option o) {
        return (Boolean) get(o);
    }

    public Path path(Option o) {
        return (Path) get(o);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> list(Option o) {
        return (List<T>) get(o);
    }

    public JsonNode section(Option o) {
        return (JsonNode) get(o);
    }

    /** A {@link OptionType#SECONDS} option as a duration (millisecond precision). */
    public Duration duration(Option o) {
        Double s = doubleValue(o);
        return s == null ? null : Duration.ofMillis(Math.round(s * 1000));
    }
}
