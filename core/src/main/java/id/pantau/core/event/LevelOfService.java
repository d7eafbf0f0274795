package id.pantau.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Level of service A (free flow) to F (breakdown). */
public enum LevelOfService {
    A, B, C, D, E, F;

    /** The letter used in JSON. */
    @JsonValue
    public String label() {
        return name();
    }

    public boolean isWorseThan(LevelOfService o) {
        return ordinal() > o.ordinal();
    }

    @JsonCreator
    public static LevelOfService fromLabel(String s) {
        for (LevelOfService v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
