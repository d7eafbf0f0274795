package id.pantau.enforcement.complaint;

import java.util.List;

/**
 * The node's cameras as the complaint link needs them: where they stand (from their configurations'
 * {@code position}; a camera without one is not listed, so nothing links to it) and, where the node has the
 * stream, what a camera shows now (the snapshot kept with an alert that confirms a complaint). Read at each use,
 * so a camera moved on the map counts from then on.
 */
public interface KnownCameras {
    /**
     * @param location the camera's place name (e.g. "Simpang Kawat"), may be null
     * @param headings approach id -> compass bearing (degrees) of its traffic towards the stop line, where configured
     */
    record Place(String camera, double lat, double lon, String location, java.util.Map<String, Double> headings) {
        public Place {
            headings = headings == null ? java.util.Map.of() : java.util.Map.copyOf(headings);
        }

        public Place(String camera, double lat, double lon, String location) {
            this(camera, lat, lon, location, null);
        }
    }

    List<Place> places();

    /** A JPEG of the camera's current picture, or null when this node has none (no stream here, camera down). */
    default byte[] snapshot(String camera) {
        return null;
    }

    static KnownCameras none() {
        return List::of;
    }
}
