package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.StageFixtures;
import id.pantau.core.asset.Assets;
import id.pantau.detect.inference.DetectorSettings;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.io.VideoFileReader;

import java.nio.file.Path;

/**
 * The real inputs every benchmark uses: the 1280x720 street clip (the size the camera goal is stated for) and the
 * shipped YOLOX-nano, resolved through the checksum-verifying asset manifests.
 */
final class JmhInputs {
    static final String CLIP = "videos/opencv_zoo_TestV4_street_london.mp4";
    static final String MODEL = "yolox_nano";
    /** frames kept for the stateful stages, taken at 5 fps as the pipeline would */
    static final int FRAMES = 24;

    private JmhInputs() {
    }

    static Path clip() {
        return Assets.defaults().data(CLIP);
    }

    static Path model() {
        return Assets.defaults().model(MODEL).path();
    }

    /** The frame at about {@code seconds} into the clip (direct BGR24). */
    static VideoFrame frameAt(double seconds) {
        try (VideoFileReader reader = new VideoFileReader(clip(), CameraId.of("bench"))) {
            reader.skip((int) Math.round(seconds * reader.frameRate()));
            VideoFrame f = reader.next();
            if (f == null) {
                throw new IllegalStateException(CLIP + " is shorter than " + seconds + " s");
            }
            return f;
        }
    }

    /** One inference at a time on one thread, as each benchmark thread runs. */
    static StageFixtures fixtures() {
        return StageFixtures.load(model(), clip(), FRAMES, 5, DetectorSettings.forTracking(1, 1));
    }
}
