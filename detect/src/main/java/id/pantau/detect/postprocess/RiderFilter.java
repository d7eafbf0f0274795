package id.pantau.detect.postprocess;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the person detections that are riders of a detected motorcycle or bicycle. COCO detectors report a rider
 * as a person beside the two-wheeler; left in, each rider becomes a pedestrian track that counting lines count
 * and congestion zones see twice. A person is a rider when a two-wheeler's box holds the person's centre line and
 * the person's feet (the bottom of the box) sit within the two-wheeler's height, and the two boxes overlap by at
 * least {@link #MIN_OVERLAP} of the person's area. Pedestrians next to parked motorcycles stand beside, not on
 * them, and keep their detection.
 */
public final class RiderFilter {
    /** share of the person's box that must lie within the two-wheeler's box */
    static final double MIN_OVERLAP = 0.25;

    private RiderFilter() {
    }

    public static List<Detection> withoutRiders(List<Detection> detections) {
        List<BoundingBox> twoWheelers = new ArrayList<>();
        for (Detection d : detections) {
            if (d.roadUser() == RoadUserClass.MOTORCYCLE || d.roadUser() == RoadUserClass.BICYCLE) {
                twoWheelers.add(d.box());
            }
        }
        if (twoWheelers.isEmpty()) {
            return detections;
        }
        List<Detection> kept = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (d.roadUser() != RoadUserClass.PERSON || twoWheelers.stream().noneMatch(w -> rides(d.box(), w))) {
                kept.add(d);
            }
        }
        return kept;
    }

    static boolean rides(BoundingBox person, BoundingBox vehicle) {
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
