package id.pantau.enforcement.evidence;

import id.pantau.core.camera.CameraId;
import java.time.Instant;
import java.util.List;

/**
 * Where the evidence stage gets the footage around a violation: the ingest ring buffer of that camera
 * (the app adapts ingest's ring to this, so enforcement does not depend on ingest).
 */
@FunctionalInterface
public interface FrameSource {

    /** The frames of {@code camera} captured within [{@code from}, {@code to}], oldest first; empty when none is held. */
    List<ClipFrame> frames(CameraId camera, Instant from, Instant to);
}
