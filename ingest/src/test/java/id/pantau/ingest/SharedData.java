package id.pantau.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the shared footage; the one place to switch to core's asset resolver when it lands. */
public final class SharedData {
    /** 1280x720 ~30 fps, 5 s, High profile with B-frames, moov at the end. */
    public static final String LONDON = "opencv_zoo_TestV4_street_london.mp4";
    /** 960x540 29.97 fps, 11.2 s, moov at the start (a truncated copy still opens). */
    public static final String HIGHWAY = "degirum_Traffic_highway_11s.mp4";
    /** 768x432 12.5 fps, 30 s, with an audio track. */
    public static final String PARKING = "intel_car-detection_parkinglot_30s.mp4";
    /** 640x480 ~6 fps, 64 s. */
    public static final String HANOI = "hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4";

    private SharedData() {
    }

    public static Path video(String name) {
        Path p = videosDir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared video missing: " + p + " (see shared/README.md)");
        }
        return p;
    }

    public static Path videosDir() {
        String shared = System.getProperty("pantau.shared", "../shared");
        return Path.of(shared, "data", "videos").toAbsolutePath().normalize();
    }
}
