package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an approach's signal state comes from: the picture, or phase changes pushed by the ATCS controller. */
public enum SignalSource {
    VISION, CONTROLLER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SignalSource fromLabel(String s) {
        for (SignalSource v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a signal source (use vision or controller)");
    }
}
