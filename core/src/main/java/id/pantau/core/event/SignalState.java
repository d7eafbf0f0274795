package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a signal head shows; DARK = every lamp off, UNKNOWN = not yet observed. */
public enum SignalState {
    RED, AMBER, GREEN, DARK, UNKNOWN;

    /** The lower-case name used in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SignalState fromLabel(String s) {
        for (SignalState v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
