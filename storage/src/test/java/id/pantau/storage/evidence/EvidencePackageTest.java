package id.pantau.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pantau.core.camera.CameraId;
import id.pantau.storage.testing.RealEvidence;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EvidencePackageTest {
    private static final CameraId CAM = CameraId.of("cam-1");
    private static final Instant AT = Instant.parse("2026-12-31T17:30:00Z"); // 00:30 WIB on 1 January 2027

    @Test
    void prefixIsDeterministicAndDatedInTheSiteZone() {
        EvidencePackage p = EvidencePackage.builder(CAM, "V-1", AT).add("metadata.json", "{}".getBytes(), null).build();
        assertThat(new PackageLayout(ZoneId.of("Asia/Jakarta")).prefixOf(p)).isEqualTo("evidence/cam-1/2027/01/01/V-1/");
        assertThat(new PackageLayout(ZoneId.of("UTC")).prefixOf(p)).isEqualTo("evidence/cam-1/2026/12/31/V-1/");
        assertThat(p.files().getFirst().contentType()).isEqualTo("application/octet-stream");
        assertThat(PackageLayout.normalizePrefix("evidence/cam-1/2027/01/01/V-1/manifest.json"))
                .isEqualTo("evidence/cam-1/2027/01/01/V-1/");
        assertThat(PackageLayout.normalizePrefix("evidence/cam-1/2027/01/01/V-1")).isEqualTo("evidence/cam-1/2027/01/01/V-1/");
    }

    @Test
    void badNamesAndIdsAreRefusedWithTheReason() {
        EvidencePackage.Builder b = EvidencePackage.builder(CAM, "V-2", AT).add("frames/0001.jpg", new byte[] {1}, "image/jpeg");
        assertThatThrownBy(() -> b.add("frames/0001.jpg", new byte[] {2}, "image/jpeg"))
                .hasMessageContaining("'frames/0001.jpg' added twice");
        assertThatThrownBy(() -> b.add("manifest.json", new byte[] {2}, "application/json"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> b.add("../x.jpg", new byte[] {2}, "image/jpeg"))
                .hasMessageContaining("evidence file name").hasMessageContaining("'..'");
        assertThatThrownBy(() -> b.add("clip.mp4", Path.of("/nonexistent/clip.mp4"), "video/mp4"))
                .hasMessageContaining("/nonexistent/clip.mp4 is not a readable file");
    }

    @Test
    void violationIdMustBeASlugAndAPackageNeedsFiles() {
        assertThatThrownBy(() -> EvidencePackage.builder(CAM, "V 3/..", AT).add("a.json", new byte[] {1}, null).build())
                .hasMessageContaining("violation id 'V 3/..'");
        assertThatThrownBy(() -> EvidencePackage.builder(CAM, "V-4", AT).build()).hasMessageContaining("has no files");
        assertThat(RealEvidence.plateViolation("V-5", AT, 0).files()).hasSize(3);
    }
}
