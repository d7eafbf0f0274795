package id.pantau.app;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.enforcement.complaint.KnownCameras;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's cameras for the complaint link: positions from each camera's active configuration (a camera without
 * a position, or whose configuration cannot be read, is left out and logged), snapshots from the camera's stream
 * when this node ingests it. Both are looked up at each use, so an edited position counts from the next complaint.
 */
final class ConfiguredCameras implements KnownCameras {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredCameras.class);

    private final Supplier<CameraConfigStore> store;
    private final Supplier<Function<CameraId, Optional<byte[]>>> snapshots;

    /** Suppliers: the node builds the store and the ingest after the back office starts. */
    ConfiguredCameras(Supplier<CameraConfigStore> store, Supplier<Function<CameraId, Optional<byte[]>>> snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    @Override
    public List<Place> places() {
        CameraConfigStore s = store.get();
        if (s == null) {
            return List.of();
        }
        List<Place> out = new ArrayList<>();
        try {
            for (CameraId id : s.cameras()) {
                try {
                    Optional<CameraConfig> c = s.current(id);
                    if (c.isPresent() && c.get().position() != null && c.get().position().lat() != null) {
                        CameraConfig.Position p = c.get().position();
                        java.util.Map<String, Double> headings = new java.util.HashMap<>();
                        for (CameraConfig.Approach a : c.get().approaches()) {
                            if (a.id() != null && a.headingDeg() != null) {
                                headings.put(a.id(), a.headingDeg());
                            }
                        }
                        out.add(new Place(id.value(), p.lat(), p.lon(), c.get().location(), headings));
                    }
                } catch (Exception e) {
                    log.warn("camera {} left out of complaint links: its configuration cannot be read: {}", id.value(),
                            e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            log.warn("camera configurations cannot be listed; complaints link to no camera now: {}", e.getMessage());
        }
        return out;
    }

    @Override
    public byte[] snapshot(String camera) {
        Function<CameraId, Optional<byte[]>> f = snapshots.get();
        try {
            return f == null ? null : f.apply(CameraId.of(camera)).orElse(null);
        } catch (RuntimeException e) {
            log.info("no snapshot of camera {} for its alert: {}", camera, e.toString());
            return null;
        }
    }
}
