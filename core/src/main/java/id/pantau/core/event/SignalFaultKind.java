package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a signal head cannot be trusted: all lamps off, or no change for longer than the longest cycle. */
public enum SignalFaultKind {
    DARK, STUCK;

    /** The lower-case name used in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SignalFaultKind fromLabel(String s) {
        for (SignalFaultKind v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
