package id.pantau.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One declared configuration option: its dotted snake_case path, type, default (fixed or derived from other
 * options), allowed values, a one-line doc and the stage that reads it. Declared once in a {@link ConfigDef};
 * the loader, the checks, the reference docs and the "is it read?" test all come from the declaration.
 *
 * <p>Built fluently, e.g. {@code Option.of("http.port", OptionType.INT).defaultValue(8080)
 * .range(Range.closed(0, 65535)).doc("...").readBy(ReadBy.NODE)}; an option is not changed after it is defined.
 */
public final class Option {
    private final String name;
    private final OptionType type;
    private OptionType elementType;
    private Object defaultValue;
    private Function<Config, Object> derived;
    private String defaultDoc;
    private Range range;
    private List<String> allowed = List.of();
    private Map<String, String> aliases = Map.of();
    private String allowedText;
    private int maxLength = -1;
    private Function<Object, String> check;
    private String doc = "";
    private ReadBy readBy;

    private Option(String name, OptionType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static Option of(String name, OptionType type) {
        return new Option(name, type);
    }

    /** A list option whose items are of {@code element} type ({@link OptionType#ENUM} items use {@link #allowed}). */
    public static Option listOf(String name, OptionType element) {
        Option o = new Option(name, OptionType.LIST);
        o.elementType = element;
        return o;
    }

    public Option defaultValue(Object value) {
        this.defaultValue = value;
        return this;
    }

    /** A default computed from the other options (already parsed), with a doc of how. */
    public Option derivedDefault(Function<Config, Object> how, String doc) {
        this.derived = how;
        this.defaultDoc = doc;
        return this;
    }

    /** How the default reads in the reference table, where the value alone would mislead (e.g. "none"). */
    public Option defaultDoc(String doc) {
        this.defaultDoc = doc;
        return this;
    }

    public Option range(Range r) {
        this.range = r;
        return this;
    }

    /** Enum values, lower case; input is matched ignoring case. */
    public Option allowed(String... values) {
        this.allowed = List.of(values);
        return this;
    }

    /** Other spellings of enum values, e.g. {@code true -> on}. */
    public Option aliases(Map<String, String> aliasToValue) {
        this.aliases = Map.copyOf(aliasToValue);
        return this;
    }

    /** How the error message lists the allowed values when "a|b|c" reads badly ("cpu or cuda"). */
    public Option allowedText(String text) {
        this.allowedText = text;
        return this;
    }

    public Option maxLength(int chars) {
        this.maxLength = chars;
        return this;
    }

    /** A further check of the parsed value: returns the problem ("must ...") or null. */
    public Option check(Function<Object, String> problemOrNull) {
        this.check = problemOrNull;
        return this;
    }

    public Option doc(String oneLine) {
        this.doc = oneLine;
        return this;
    }

    public Option readBy(ReadBy stage) {
        this.readBy = stage;
        return this;
    }

    /** Notes that the running system read this option (see {@link ConfigReads}); typed config accessors call it. */
    public void markRead() {
        ConfigReads.note(this);
    }

    public String name() {
        return name;
    }

    public OptionType type() {
        return type;
    }

    public OptionType elementType() {
        return elementType;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public Function<Config, Object> derived() {
        return derived;
    }

    public Range range() {
        return range;
    }

    public List<String> allowed() {
        return allowed;
    }

    public Map<String, String> aliases() {
        return aliases;
    }

    public int maxLength() {
        return maxLength;
    }

    public Function<Object, String> extraCheck() {
        return check;
    }

    public String doc() {
        return doc;
    }

    public ReadBy readBy() {
        return readBy;
    }

    /** "tcp|udp", or the text given with {@link #allowedText}. */
    public String allowedDescription() {
        return allowedText != null ? allowedText : String.join("|", allowed);
    }

    /** The default as the reference table shows it. */
    public String defaultDescription() {
        if (defaultDoc != null) {
            return defaultDoc;
        }
        if (defaultValue == null) {
            return "none";
        }
        if (defaultValue instanceof Double d) {
            return Range.format(d);
        }
        if (defaultValue instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(v -> v instanceof Double d ? Range.format(d)
                    : String.valueOf(v)).toList()) + "]";
        }
        return String.valueOf(defaultValue);
    }

    /** The allowed values as the reference table shows them. */
    public String rangeDescription() {
        StringBuilder sb = new StringBuilder();
        if (range != null) {
            sb.append(range.describe(type == OptionType.INT));
        }
        if (!allowed.isEmpty()) {
            sb.append(String.join(", ", allowed));
        }
        if (maxLength >= 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append("≤ ").append(maxLength).append(" chars");
        }
        return sb.toString();
    }

    /** The type as the reference table shows it. */
    public String typeDescription() {
        return type == OptionType.LIST ? "list of " + elementType.label() : type.label();
    }

    @Override
    public String toString() {
        return name;
    }
}
