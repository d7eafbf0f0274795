package id.pantau.core.perception;

import java.util.Locale;
import java.util.Optional;

/** The road users the analytics care about; detector classes are mapped onto these (COCO car, bus, ...). */
public enum RoadUserClass {
    CAR, MOTORCYCLE, BUS, TRUCK, BICYCLE, PERSON;

    /** Lower-case name used in JSON and metrics ("motorcycle"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isVehicle() {
        return this != PERSON;
    }

    public static Optional<RoadUserClass> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(label.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
