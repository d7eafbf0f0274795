package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Life of an alert: raised once, cleared once. */
public enum AlertState {
    RAISED, CLEARED;

    /** The lower-case name used in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertState fromLabel(String s) {
        for (AlertState v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
