package id.pantau.enforcement.evidence;

import id.pantau.core.event.RedLightViolation;
import id.pantau.core.perception.BoundingBox;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the {@link EvidenceAssembler} builds a package from: the violation event, the frames around it
 * (sorted here by sequence), the vehicle's box in the crossing frame and the plate reading, if any.
 */
public record ViolationCapture(RedLightViolation violation, List<ClipFrame> frames, BoundingBox vehicleBox,
                               Optional<PlateEvidence> plate, java.util.Map<Long, BoundingBox> boxes) {
    public ViolationCapture {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(vehicleBox, "vehicleBox");
        plate = plate == null ? Optional.empty() : plate;
        frames = frames.stream().sorted(Comparator.comparingLong(ClipFrame::sequence)).toList();
        boxes = boxes == null ? java.util.Map.of() : java.util.Map.copyOf(boxes);
    }

    /** Without the vehicle's boxes in other frames: only the crossing photo gets its box drawn. */
    public ViolationCapture(RedLightViolation violation, List<ClipFrame> frames, BoundingBox vehicleBox,
                            Optional<PlateEvidence> plate) {
        this(violation, frames, vehicleBox, plate, java.util.Map.of());
    }
}
