package id.pantau.core.perception;

import id.pantau.core.camera.CameraId;

import java.time.Instant;
import java.util.List;

/**
 * What perception hands to analytics for one analysed frame.
 *
 * @param detected false when the motion gate skipped the detector and the tracks are predictions only
 */
public record TrackedFrame(CameraId camera, long sequence, Instant captureTime, int width, int height,
                           List<TrackedObject> objects, boolean detected) {
    public TrackedFrame {
        objects = List.copyOf(objects);
    }
}
