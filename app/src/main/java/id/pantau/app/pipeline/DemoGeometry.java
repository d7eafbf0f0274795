package id.pantau.app.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.json.Json;
import id.pantau.ingest.config.CameraSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.List;

/**
 * Gives the demo's intersection camera (the Hanoi CCTV clip) the worked geometry of docs/examples, so that
 * {@code ./pantau demo} shows signal states, counts, congestion and red-light violations out of the box. An
 * operator's own saved version is never replaced.
 */
public final class DemoGeometry {
    private static final Logger log = LoggerFactory.getLogger(DemoGeometry.class);
    private static final String EXAMPLE = "pantau/examples/hanoi-camera.json";
    /** Illustrative position of the demo camera: central Kota Jambi, WGS 84 (docs/console.md says so). */
    static final double DEMO_LAT = -1.6101;
    static final double DEMO_LON = 103.6131;

    private DemoGeometry() {
    }

    public static void seed(CameraConfigStore store, List<CameraSource> cameras) {
        for (CameraSource cam : cameras) {
            if (!cam.id().value().startsWith("hanoi")) {
                continue;
            }
            try (InputStream in = DemoGeometry.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
                if (in == null || store.current(cam.id()).isPresent()) {
                    return;
                }
                ObjectNode json = (ObjectNode) Json.mapper().readTree(in);
                json.put("camera", cam.id().value());
                json.remove("version");
                if (!json.has("position")) {
                    // an illustrative spot in Kota Jambi (the footage is from Hanoi), so the demo's camera map has a marker
                    json.putObject("position").put("lat", DEMO_LAT).put("lon", DEMO_LON);
                }
                var config = new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(json), EXAMPLE);
                log.info("camera {}: seeded the example intersection geometry (version {})", cam.id(),
                        store.save(config).versionOrZero());
            } catch (Exception e) {
                log.warn("camera {}: example geometry not seeded: {}", cam.id(), e.getMessage());
            }
        }
    }
}
