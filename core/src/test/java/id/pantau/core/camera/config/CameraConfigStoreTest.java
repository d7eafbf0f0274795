package id.pantau.core.camera.config;

import id.pantau.core.camera.CameraId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraConfigStoreTest {
    private final CameraConfigLoader loader = new CameraConfigLoader();
    private final CameraId cam = CameraId.of("simpang-kawat-1");

    @Test
    void eachSaveIsANewVersionAndOldVersionsAreNeverRewritten(@TempDir Path dir) throws Exception {
        CameraConfigStore store = new CameraConfigStore(dir);
        List<Integer> heard = new ArrayList<>();
        store.onChange(c -> heard.add(c.version()));
        CameraConfig draft = loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test");

        CameraConfig v1 = store.save(draft);
        byte[] v1Bytes = Files.readAllBytes(dir.resolve("simpang-kawat-1/v1.json"));
        CameraConfig v2 = store.save(draft);

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.versions(cam)).containsExactly(1, 2);
        assertThat(store.current(cam).orElseThrow().version()).isEqualTo(2);
        assertThat(Files.readAllBytes(dir.resolve("simpang-kawat-1/v1.json"))).isEqualTo(v1Bytes);

        store.activate(cam, 1);
        assertThat(store.current(cam).orElseThrow().version()).isEqualTo(1);
        assertThat(store.save(draft).version()).as("a save after a rollback never reuses a number").isEqualTo(3);
        assertThat(heard).containsExactly(1, 2, 1, 3);
    }

    @Test
    void anInvalidDraftIsNotStoredAndTheCurrentVersionStays(@TempDir Path dir) throws Exception {
        CameraConfigStore store = new CameraConfigStore(dir);
        CameraConfig good = store.save(loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test"));
        CameraConfig bad = new CameraConfig(good.camera(), null, null, null, null, good.frame(), good.analysis(),
                new CameraConfig.Calibration(good.calibration().points().subList(0, 3)), good.zones(),
                good.countingLines(), good.lanes(), good.approaches(), good.thresholds(), null);
        assertThatThrownBy(() -> store.save(bad)).isInstanceOf(InvalidCameraConfigException.class)
                .hasMessageContaining("calibration.points");
        assertThat(store.versions(cam)).containsExactly(1);
        assertThat(store.current(cam).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void unknownCameraHasNoCurrentVersion(@TempDir Path dir) throws Exception {
        assertThat(new CameraConfigStore(dir).current(CameraId.of("nowhere"))).isEmpty();
    }

    @Test
    void theHistoryNamesWhoSavedEachVersionAndWhen(@TempDir Path dir) throws Exception {
        CameraConfigStore store = new CameraConfigStore(dir);
        CameraConfig draft = loader.parse(ConfigFixtures.bytes(ConfigFixtures.valid()), "test");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        store.save(draft);                 // a file import: no person
        store.save(draft, "operator1");
        // a version stored before authors were kept has no meta file: its file time stands in
        store.save(draft, "admin1");
        Files.delete(dir.resolve("simpang-kawat-1/v3.meta.json"));

        List<CameraConfigStore.VersionInfo> history = store.history(cam);

        assertThat(history).extracting(CameraConfigStore.VersionInfo::version).containsExactly(1, 2, 3);
        assertThat(history).extracting(CameraConfigStore.VersionInfo::author).containsExactly(null, "operator1", null);
        assertThat(history).allSatisfy(v -> assertThat(v.savedAt()).isBetween(before, java.time.Instant.now().plusSeconds(1)));
        assertThat(store.versions(cam)).as("the meta files are not versions").containsExactly(1, 2, 3);
        assertThat(store.version(cam, 2).version()).isEqualTo(2);
    }
}
