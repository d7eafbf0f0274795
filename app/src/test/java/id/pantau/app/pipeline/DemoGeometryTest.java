package id.pantau.app.pipeline;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.ingest.config.CameraSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's intersection camera gets the worked geometry and an illustrative position in Kota Jambi for the map. */
class DemoGeometryTest {
    @Test
    void theDemoIntersectionCameraIsPlacedInJambi(@TempDir Path dir) throws Exception {
        CameraConfigStore store = new CameraConfigStore(dir);
        DemoGeometry.seed(store, List.of(CameraSource.builder("hanoi-demo", "video.mp4").build(),
                CameraSource.builder("other-demo", "other.mp4").build()));
        CameraConfig.Position p = store.current(CameraId.of("hanoi-demo")).orElseThrow().position();
        assertThat(p.lat()).isEqualTo(DemoGeometry.DEMO_LAT).isBetween(-1.7, -1.5);
        assertThat(p.lon()).isEqualTo(DemoGeometry.DEMO_LON).isBetween(103.5, 103.7);
        assertThat(store.current(CameraId.of("other-demo"))).as("no geometry, so no position: 'tanpa posisi'").isEmpty();
    }
}
