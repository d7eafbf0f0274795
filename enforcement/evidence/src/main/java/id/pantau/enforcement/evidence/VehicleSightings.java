package id.pantau.enforcement.evidence;

import id.pantau.core.event.RedLightViolation;
import id.pantau.core.perception.BoundingBox;
import java.util.Optional;

/**
 * The parts of a violation the event itself does not carry: where the vehicle was in the crossing frame and,
 * when the plate stage read it, the plate. The app backs this with the tracker's history and the plate reader.
 */
@FunctionalInterface
public interface VehicleSightings {

    /** What is known about the violating vehicle; empty when the track is no longer known. */
    Optional<Sighting> find(RedLightViolation violation);

    /**
     * @param vehicleBox the vehicle's box in the crossing frame ({@code frames.at})
     * @param plate      the plate reading, when there is one
     * @param boxes      the vehicle's box in other analysed frames (frame number → box), so the photos before and
     *                   after the crossing box it too; empty when unknown
     */
    record Sighting(BoundingBox vehicleBox, Optional<PlateEvidence> plate, java.util.Map<Long, BoundingBox> boxes) {
        public Sighting {
            boxes = boxes == null ? java.util.Map.of() : java.util.Map.copyOf(boxes);
        }

        public Sighting(BoundingBox vehicleBox, Optional<PlateEvidence> plate) {
            this(vehicleBox, plate, java.util.Map.of());
        }
    }
}
