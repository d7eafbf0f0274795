package id.pantau.core.config;

/** The kinds of value an {@link Option} holds, as the reference tables name them. */
public enum OptionType {
    INT("int"),
    DOUBLE("number"),
    STRING("string"),
    BOOLEAN("boolean"),
    ENUM("enum"),
    /** A number of seconds, kept as a double and handed out as a {@link java.time.Duration} too. */
    SECONDS("seconds"),
    /** A file or folder; relative paths are resolved against the configuration file's folder. */
    PATH("path"),
    /** A list of {@link Option#elementType()} values. */
    LIST("list"),
    /** A nested object that its own loader checks (kept as the parsed JSON tree). */
    SECTION("section");

    private final String label;

    OptionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
