package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * A direction of travel as an operator sees it on the picture. Lines and stop lines take their sense from
 * this rather than from the order of their end points, which nobody remembers when drawing them.
 */
public enum Direction {
    UP(0, -1), DOWN(0, 1), LEFT(-1, 0), RIGHT(1, 0);

    private final double dx;
    private final double dy;

    Direction(double dx, double dy) {
        this.dx = dx;
        this.dy = dy;
    }

    public double dx() {
        return dx;
    }

    public double dy() {
        return dy;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Direction fromLabel(String s) {
        for (Direction d : values()) {
            if (d.label().equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a direction (use up, down, left or right)");
    }
}
