package id.pantau.ingest.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The default demo camera list: every {@code *.mp4} in a folder as a looping realtime file camera. */
public final class DemoCameras {
    private DemoCameras() {
    }

    /**
     * @param videosDir e.g. {@code ../shared/data/videos}
     * @return one camera per video, sorted by file name, id = the file name as a slug
     */
    public static List<CameraSource> fromVideos(Path videosDir) {
        if (!Files.isDirectory(videosDir)) {
            throw new IllegalArgumentException("demo videos folder not found: " + videosDir.toAbsolutePath()
                    + " (expected the shared footage, see shared/README.md)");
        }
        try (Stream<Path> files = Files.list(videosDir)) {
            List<CameraSource> cameras = files
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4"))
                    .sorted()
                    .map(p -> CameraSource.builder(idFor(p), p.toAbsolutePath().toString())
                            .pacing(Pacing.REALTIME).loop(true).name(nameFor(p)).build())
                    .toList();
            if (cameras.isEmpty()) {
                throw new IllegalArgumentException("no *.mp4 files in " + videosDir.toAbsolutePath());
            }
            return cameras;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + videosDir, e);
        }
    }

    /**
     * A readable name for a sample video: "hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4" becomes
     * "Contoh: hanoi cctv lythuongkiet hangbai intersection" (the source prefix, clip length and separators dropped).
     */
    static String nameFor(Path video) {
        String stem = video.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        String words = stem.replaceAll("_\\d+s$", "").replaceAll("[_-]+", " ").strip();
        return "Contoh: " + (words.length() > 90 ? words.substring(0, 90) : words);
    }

    /** "opencv_zoo_TestV4_street_london.mp4" becomes "opencv_zoo_testv4_street_london". */
    static String idFor(Path video) {
        String name = video.getFileName().toString();
        String stem = name.substring(0, name.length() - 4).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        return stem.length() > 63 ? stem.substring(0, 63) : stem;
    }
}
