package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a vehicle does after the stop line. Used to exempt e.g. "belok kiri jalan terus" (left turn on red). */
public enum Movement {
    STRAIGHT, LEFT, RIGHT, U_TURN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Movement fromLabel(String s) {
        for (Movement m : values()) {
            if (m.label().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a movement (use straight, left, right or u_turn)");
    }
}
