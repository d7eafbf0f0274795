package id.pantau.storage.testing;

import id.pantau.core.camera.CameraId;
import id.pantau.storage.evidence.EvidencePackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Evidence packages made of real files from ../shared: Indonesian plate crops (JPEG) and CCTV footage (MP4),
 * with a small metadata JSON like the one the enforcement module writes.
 */
public final class RealEvidence {
    public static final CameraId CAMERA = CameraId.of("jambi-simpang-bata-01");
    private static volatile List<Path> plates;

    private RealEvidence() {
    }

    public static Path shared() {
        String p = System.getProperty("pantau.shared");
        if (p == null) {
            throw new IllegalStateException("system property pantau.shared is not set (run the tests through Maven)");
        }
        return Path.of(p);
    }

    public static Path intersectionClip() {
        Path clip = shared().resolve("data/videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        if (!Files.isRegularFile(clip)) {
            throw new IllegalStateException("missing shared footage " + clip + "; see ../shared/data/MANIFEST.md");
        }
        return clip;
    }

    public static List<Path> plateCrops() {
        if (plates == null) {
            Path dir = shared().resolve("data/plates/indonesia/images");
            try (Stream<Path> s = Files.list(dir)) {
                plates = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("missing shared plate crops in " + dir, e);
            }
        }
        return plates;
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A package with two real plate crops (in memory) and metadata; {@code n} picks different crops. */
    public static EvidencePackage plateViolation(String violationId, Instant at, int n) {
        List<Path> crops = plateCrops();
        Path plate = crops.get(n % crops.size());
        Path context = crops.get((n + 1) % crops.size());
        String meta = """
                {"violationId":"%s","camera":"%s","type":"RED_LIGHT","occurredAt":"%s","plateImage":"%s"}
                """.formatted(violationId, CAMERA.value(), at, plate.getFileName());
        return EvidencePackage.builder(CAMERA, violationId, at)
                .add("crops/plate.jpg", read(plate), "image/jpeg")
                .add("frames/0001.jpg", read(context), "image/jpeg")
                .add("metadata.json", meta.getBytes(StandardCharsets.UTF_8), "application/json")
                .build();
    }

    /** Like {@link #plateViolation} plus the real 3.2 MB intersection clip, given as a file. */
    public static EvidencePackage withClip(String violationId, Instant at) {
        EvidencePackage p = plateViolation(violationId, at, 3);
        EvidencePackage.Builder b = EvidencePackage.builder(p.camera(), p.violationId(), p.occurredAt());
        p.files().forEach(f -> b.add(f.name(), read(f), f.contentType()));
        return b.add("clip.mp4", intersectionClip(), "video/mp4").build();
    }

    private static byte[] read(id.pantau.storage.evidence.EvidenceFile f) {
        try (var in = f.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
