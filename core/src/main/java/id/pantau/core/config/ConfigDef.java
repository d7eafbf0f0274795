package id.pantau.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The declaration of one configuration format, in the spirit of Kafka's {@code ConfigDef}: a list of
 * {@link Option}s. {@link #parse} checks a Jackson tree against it and reports every problem at once, by path
 * ({@code detector.score_threshold: must be in (0, 1), got 1.5}); a key that is not declared is an error that
 * names the known ones, since it is almost always a typo of one.
 */
public final class ConfigDef {
    private final String name;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, String> moved = new LinkedHashMap<>();

    public ConfigDef(String name) {
        this.name = name;
    }

    public Option define(Option o) {
        if (o.readBy() == null || o.doc().isBlank()) {
            throw new IllegalArgumentException(o + ": every option needs a doc and the stage that reads it");
        }
        if (options.putIfAbsent(o.name(), o) != null) {
            throw new IllegalArgumentException(o + " is declared twice in " + name);
        }
        return o;
    }

    /**
     * A key that was removed or moved: it is rejected with {@code message}, which says where it went, rather than
     * as an unknown field (or, worse, accepted and ignored).
     */
    public void moved(String dottedName, String message) {
        moved.put(dottedName, message);
    }

    public String name() {
        return name;
    }

    public Collection<Option> options() {
        return Collections.unmodifiableCollection(options.values());
    }

    public Option option(String dottedName) {
        return options.get(dottedName);
    }

    /**
     * Parses {@code tree} (an object, or null/missing for "all defaults").
     *
     * @param at   where the tree sits in its file, prefixed to every error path ("" at the top, "cameras[2]")
     * @param base the folder relative {@link OptionType#PATH} values are resolved against; null leaves them
     */
    public Config parse(JsonNode tree, String at, Path base) {
        List<String> errors = new ArrayList<>();
        Set<String> given = new HashSet<>();
        if (tree != null && !tree.isMissingNode() && !tree.isNull() && !tree.isObject()) {
            errors.add((at.isEmpty() ? "(top level)" : at) + ": expected an object");
            tree = null;
        }
        if (tree != null && tree.isObject()) {
            unknownKeys(tree, "", at, errors);
        }
        Config config = new Config(this, given, errors);
        List<Option> derived = new ArrayList<>();
        for (Option o : options.values()) {
            JsonNode node = tree == null ? null : find(tree, o.name());
            if (node == null || node.isNull() || node.isMissingNode()) {
                if (o.derived() != null) {
                    derived.add(o);
                } else if (o.type() == OptionType.PATH && o.defaultValue() instanceof Path p && base != null) {
                    config.put(o, base.resolve(p).normalize());
                } else {
                    config.put(o, o.defaultValue());
                }
                continue;
            }
            given.add(o.name());
            Object value = convert(o, node, path(at, o.name()), errors, base);
            config.put(o, value);
        }
        // derived defaults see the explicit values (and the plain defaults) of the other options
        for (Option o : derived) {
            config.put(o, o.derived().apply(config));
        }
        return config;
    }

    private static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private static JsonNode find(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }

    /** Keys at {@code prefix} that neither are an option nor lead to one. */
    private void unknownKeys(JsonNode obj, String prefix, String at, List<String> errors) {
        Set<String> known = new TreeSet<>();
        for (String n : options.keySet()) {
            if (n.startsWith(prefix)) {
                String rest = n.substring(prefix.length());
                int dot = rest.indexOf('.');
                known.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = prefix + f.getKey();
            if (options.containsKey(key)) {
                continue;
            }
            if (moved.containsKey(key)) {
                errors.add(path(at, key) + ": " + moved.get(key));
                continue;
            }
            if (known.contains(f.getKey())) {
                if (f.getValue().isObject()) {
                    unknownKeys(f.getValue(), key + ".", at, errors);
                } else if (!f.getValue().isNull()) {
                    errors.add(path(at, key) + ": expected an object");
                }
                continue;
            }
            errors.add(path(at, key) + ": unknown field (known fields: " + String.join(", ", known) + ")");
        }
    }

    private static Object convert(Option o, JsonNode node, String path, List<String> errors, Path base) {
        int before = errors.size();
        Object value = switch (o.type()) {
            case LIST -> list(o, node, path, errors);
            case SECTION -> node;
            default -> scalar(o, o.type(), node, path, errors, base);
        };
        if (errors.size() == before && value != null && o.extraCheck() != null) {
            String problem = o.extraCheck().apply(value);
            if (problem != null) {
                errors.add(path + ": " + problem);
                return null;
            }
        }
        return errors.size() == before ? value : null;
    }

    private static Object list(Option o, JsonNode node, String path, List<String> errors) {
        if (!node.isArray()) {
            errors.add(path + ": expected a list");
            return null;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(scalar(o, o.elementType(), node.get(i), path + "[" + i + "]", errors, null));
        }
        return Collections.unmodifiableList(items);
    }

    private static Object scalar(Option o, OptionType type, JsonNode node, String path, List<String> errors,
                                 Path base) {
        switch (type) {
            case INT, DOUBLE, SECONDS -> {
                Double d = number(node);
                if (d == null) {
                    errors.add(path + ": expected a number" + (node.isValueNode() ? ", got '" + node.asText() + "'" : ""));
                    return null;
                }
                if (!Double.isFinite(d)) {
                    errors.add(path + ": must be a finite number, got " + node.asText());
                    return null;
                }
                if (type == OptionType.INT && d != Math.rint(d)) {
                    errors.add(path + ": expected a whole number, got " + Range.format(d));
                    return null;
                }
                if (o.range() != null && !o.range().contains(d)) {
                    errors.add(path + ": must be " + o.range().describeFor(d, type == OptionType.INT) + ", got "
                            + Range.format(d));
                    return null;
                }
                if (type == OptionType.INT) {
                    return (int) Math.round(d);
                }
                return d;
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                String t = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
                if (t.equals("true") || t.equals("false")) {
                    return Boolean.parseBoolean(t);
                }
                errors.add(path + ": expected true or false" + (node.isValueNode() ? ", got '" + node.asText() + "'" : ""));
                return null;
            }
            case ENUM -> {
                if (!node.isValueNode()) {
                    errors.add(path + ": expected a text value");
                    return null;
                }
                String t = node.asText().trim().toLowerCase(Locale.ROOT);
                String given = o.aliases().getOrDefault(t, t);
                // matched ignoring case, handed out as declared
                return o.allowed().stream().filter(a -> a.equalsIgnoreCase(given)).findFirst().orElseGet(() -> {
                    errors.add(path + ": must be " + o.allowedDescription() + ", got '" + node.asText() + "'");
                    return null;
                });
            }
            case STRING, PATH -> {
                if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
                    errors.add(path + ": expected a text value");
                    return null;
                }
                String t = node.asText();
                if (o.maxLength() >= 0 && t.length() > o.maxLength()) {
                    errors.add(path + ": at most " + o.maxLength() + " characters, got " + t.length());
                    return null;
                }
                if (type == OptionType.STRING) {
                    return t;
                }
                try {
                    Path p = Path.of(t);
                    return base == null ? p : base.resolve(p).normalize();
                } catch (InvalidPathException e) {
                    errors.add(path + ": not a valid path: " + e.getMessage());
                    return null;
                }
            }
            default -> throw new IllegalStateException("not a scalar type: " + type);
        }
    }

    /** A number, or a text that reads as one (YAML writers quote numbers now and then); null otherwise. */
    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
