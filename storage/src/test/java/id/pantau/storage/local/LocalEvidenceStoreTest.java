package id.pantau.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pantau.storage.EvidenceNotFoundException;
import id.pantau.storage.StorageException;
import id.pantau.storage.testing.ReadOnlyFolder;
import id.pantau.storage.testing.RealEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEvidenceStoreTest {
    @TempDir
    Path root;

    @Test
    void putsGetsListsAndLeavesNoTempFiles() throws Exception {
        LocalEvidenceStore store = new LocalEvidenceStore(root);
        byte[] plate = RealEvidence.read(RealEvidence.plateCrops().get(0));
        store.put("evidence/cam/2026/11/23/v1/crops/plate.jpg", plate, "image/jpeg");
        store.put("evidence/cam/2026/11/23/v1/clip.mp4", RealEvidence.intersectionClip(), "video/mp4");
        store.put("evidence/cam/2026/11/24/v2/metadata.json", "{}".getBytes(), "application/json");

        assertThat(store.get("evidence/cam/2026/11/23/v1/crops/plate.jpg")).isEqualTo(plate);
        assertThat(Files.mismatch(root.resolve("evidence/cam/2026/11/23/v1/clip.mp4"), RealEvidence.intersectionClip()))
                .isEqualTo(-1);
        assertThat(store.list("evidence/cam/2026/11/2")).containsExactly("evidence/cam/2026/11/23/v1/clip.mp4",
                "evidence/cam/2026/11/23/v1/crops/plate.jpg", "evidence/cam/2026/11/24/v2/metadata.json");
        assertThat(store.list("evidence/cam/2026/11/23/")).hasSize(2);
        assertThat(store.list("evidence/other/")).isEmpty();
        assertThat(store.exists("evidence/cam/2026/11/24/v2/metadata.json")).isTrue();
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
        assertThat(store.health().up()).isTrue();
    }

    @Test
    void rewriteReplacesAtomicallyWithTheNewContent() {
        LocalEvidenceStore store = new LocalEvidenceStore(root);
        store.put("evidence/k/a.json", "{\"v\":1}".getBytes(), "application/json");
        store.put("evidence/k/a.json", "{\"v\":2}".getBytes(), "application/json");
        assertThat(store.get("evidence/k/a.json")).asString().isEqualTo("{\"v\":2}");
        assertThat(store.list("evidence/k/")).containsExactly("evidence/k/a.json");
    }

    @Test
    void missingKeyAndEscapingKeysGiveClearErrors() {
        LocalEvidenceStore store = new LocalEvidenceStore(root);
        assertThatThrownBy(() -> store.get("evidence/none.json"))
                .isInstanceOf(EvidenceNotFoundException.class).hasMessageContaining("evidence/none.json")
                .hasMessageContaining(root.toString());
        assertThatThrownBy(() -> store.put("../outside.txt", new byte[] {1}, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid part '..'");
        assertThatThrownBy(() -> store.put("a//b", new byte[] {1}, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("outside.txt")).doesNotExist();
    }

    @Test
    void presignedUrlIsAFileUriOnlyForStoredObjects() {
        LocalEvidenceStore store = new LocalEvidenceStore(root);
        store.put("evidence/k/a.json", "{}".getBytes(), "application/json");
        assertThat(store.presignedUrl("evidence/k/a.json", Duration.ofMinutes(5)))
                .hasValueSatisfying(u -> assertThat(Path.of(u)).isEqualTo(root.resolve("evidence/k/a.json")));
        assertThat(store.presignedUrl("evidence/k/b.json", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void readOnlyFolderFailsWithThePathAndTheFix() throws Exception {
        LocalEvidenceStore store = new LocalEvidenceStore(root);
        try (ReadOnlyFolder ro = ReadOnlyFolder.of(root)) {
            assertThatThrownBy(() -> store.put("a.json", "{}".getBytes(), "application/json"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(root.resolve("a.json").toString())
                    .hasMessageContaining("check that " + root + " is writable");
            assertThat(store.health().up()).isFalse();
        }
    }
}
