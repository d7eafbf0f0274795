package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Sense of a line crossing relative to the line's configured in-direction. */
public enum CrossingDirection {
    IN, OUT;

    /** The lower-case name used in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CrossingDirection fromLabel(String s) {
        for (CrossingDirection v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
