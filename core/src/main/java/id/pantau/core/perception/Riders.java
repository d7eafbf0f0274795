package id.pantau.core.perception;

import id.pantau.core.perception.BoundingBox;

/**
 * Tells the person boxes that are riders of a motorcycle or bicycle. COCO detectors report a rider as a person
 * beside the two-wheeler; counted as such, each rider would be a pedestrian crossing the counting line too. (The
 * tracker keeps rider tracks: when the bike is half hidden the rider is the better-seen part of the vehicle, and the
 * red-light logic follows it.) A person is a rider when a two-wheeler's box holds the person's centre line and
 * the person's feet (the bottom of the box) sit within the two-wheeler's height, and the two boxes overlap by at
 * least {@link #MIN_OVERLAP} of the person's area. Pedestrians next to parked motorcycles stand beside, not on
 * them, and are not riders.
 */
public final class Riders {
    /** share of the person's box that must lie within the two-wheeler's box */
    static final double MIN_OVERLAP = 0.25;

    private Riders() {
    }

    /** Whether the person box sits on the two-wheeler box as its rider does. */
    public static boolean rides(BoundingBox person, BoundingBox vehicle) {
        double cx = person.centerX();
        if (cx < vehicle.x1() || cx > vehicle.x2()) {
            return false;
        }
        if (person.y2() < vehicle.y1() + 0.25 * vehicle.height() || person.y2() > vehicle.y2() + 0.15 * vehicle.height()) {
            return false;
        }
        double ix = Math.max(0, Math.min(person.x2(), vehicle.x2()) - Math.max(person.x1(), vehicle.x1()));
        double iy = Math.max(0, Math.min(person.y2(), vehicle.y2()) - Math.max(person.y1(), vehicle.y1()));
        return person.area() > 0 && ix * iy / person.area() >= MIN_OVERLAP;
    }
}
