package id.pantau.detect.accuracy;

import id.pantau.core.asset.Assets;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.LineCrossings;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.profile.CameraDetectorConfig;
import id.pantau.detect.profile.DetectorProfile;
import id.pantau.detect.profile.ProfiledDetector;
import id.pantau.detect.rider.RiderMerger;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Line counts through detector profile -> riders -> tracker on the Hanoi intersection clip (384 frames, 6 fps,
 * every frame analysed), against its hand-labelled crossings of line.json (55: 10 cars, 44 motorcycles, 1
 * bicycle; the labels' motorcycles towards the camera +-5). Printed per profile: counted, matched within 1 s,
 * missed, extra (double counts or false). Asserted conservatively: riders never lower the count nor add more
 * extras than they add matches, and the rider profile matches at least 40 % of the labelled crossings.
 * The geometry-tiled profile runs only with {@code -Ddense.heavy=true} (8 inferences a frame).
 */
class HanoiLineCountTest {
    private static final String DIR = "videos/labels/hanoi_cctv_lythuongkiet-hangbai_intersection_64s/";
    private static final String CLIP = "videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4";

    record Outcome(int counted, LineCrossings.Score score) {
    }

    @Test
    void crossingsPerProfile() throws Exception {
        CameraDetectorConfig camera = CameraDetectorConfig.read(Path.of(getClass()
                .getResource("/cameras/hanoi-dense.json").toURI()));
        List<Long> labelled = LineCrossings.labelledFrames(SharedData.data(DIR + "crossings.csv"));
        Map<String, DetectorProfile> profiles = new LinkedHashMap<>();
        profiles.put("yolox_nano whole, no riders", DetectorProfile.defaults().withRiders(false));
        profiles.put("yolox_nano whole + riders", DetectorProfile.defaults());
        if (Boolean.getBoolean("dense.heavy")) {
            profiles.put("yolox_nano geometry + riders", camera.profile());
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (var e : profiles.entrySet()) {
            LineCrossings line = new LineCrossings(new Point(0, 360), new Point(545, 374));
            ByteTracker tracker = new ByteTracker(TrackerSettings.defaults());
            try (ProfiledDetector d = ProfiledDetector.open(camera.withProfile(e.getValue()), Assets.defaults(), 2,
                    true); VideoFileReader reader = new VideoFileReader(SharedData.data(CLIP), CameraId.of("hanoi"))) {
                VideoFrame f;
                while ((f = reader.next()) != null) {
                    List<TrackedObject> objects = tracker.update(RiderMerger.detections(d.detectVideoRoadUsers(f)));
                    line.accept(f.sequence(), objects);
                }
            }
            LineCrossings.Score s = line.score(labelled, 6);
            out.put(e.getKey(), new Outcome(line.crossings().size(), s));
            System.out.printf("hanoi line, %s: counted %d vs labelled %d (%+.0f %%); %s%n", e.getKey(),
                    line.crossings().size(), labelled.size(), 100.0 * (line.crossings().size() - labelled.size())
                            / labelled.size(), s);
        }
        Outcome plain = out.get("yolox_nano whole, no riders");
        Outcome riders = out.get("yolox_nano whole + riders");
        assertThat(riders.counted()).isGreaterThanOrEqualTo(plain.counted());
        assertThat(riders.score().extra().size() - plain.score().extra().size())
                .as("extras added by the rider step").isLessThanOrEqualTo(
                        Math.max(1, riders.score().matched() - plain.score().matched()));
        assertThat(riders.score().matched()).isGreaterThanOrEqualTo((int) Math.ceil(0.4 * labelled.size()));
    }
}
