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
     */
    record Sighting(BoundingBox vehicleBox, Optional<PlateEvidence> plate) {
    }
}
