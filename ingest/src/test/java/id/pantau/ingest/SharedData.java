package id.pantau.ingest;

import id.pantau.core.asset.Assets;

import java.nio.file.Path;

/** The shared footage the tests use, found (and sha256-verified) through core's asset resolver. */
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
        return Assets.defaults().data("videos/" + name);
    }

    /** The folder that holds every shared video (the demo camera list scans it). */
    public static Path videosDir() {
        return Assets.defaults().data("videos");
    }
}
