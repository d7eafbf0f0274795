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

    record Outcome(int counted, LineCrossings.Score score, int doubleCounts) {
    }

    /**
     * Crossings that are probably one road user counted twice: another crossing within 3 frames whose track box,
     * in the frame the later one crossed, covers more than half of the smaller box (a rider's track and its bike's,
     * or a broken track).
     */
    static int doubleCounts(List<LineCrossings.Crossing> crossings, Map<Long, List<TrackedObject>> byFrame) {
        int n = 0;
        for (int i = 0; i < crossings.size(); i++) {
            for (int j = i + 1; j < crossings.size(); j++) {
                LineCrossings.Crossing a = crossings.get(i);
                LineCrossings.Crossing b = crossings.get(j);
                if (Math.abs(a.frame() - b.frame()) > 3) {
                    continue;
                }
                long at = Math.max(a.frame(), b.frame());
                var boxA = byFrame.getOrDefault(at, List.of()).stream().filter(o -> o.trackId() == a.trackId())
                        .findFirst();
                var boxB = byFrame.getOrDefault(at, List.of()).stream().filter(o -> o.trackId() == b.trackId())
                        .findFirst();
                if (boxA.isPresent() && boxB.isPresent()) {
                    var x = boxA.get().box();
                    var y = boxB.get().box();
                    double ix = Math.max(0, Math.min(x.x2(), y.x2()) - Math.max(x.x1(), y.x1()));
                    double iy = Math.max(0, Math.min(x.y2(), y.y2()) - Math.max(x.y1(), y.y1()));
                    if (ix * iy > 0.5 * Math.min(x.area(), y.area())) {
                        n++;
                    }
                }
            }
        }
        return n;
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
            Map<Long, List<TrackedObject>> byFrame = new java.util.HashMap<>();
            try (ProfiledDetector d = ProfiledDetector.open(camera.withProfile(e.getValue()), Assets.defaults(), 2,
                    true); VideoFileReader reader = new VideoFileReader(SharedData.data(CLIP), CameraId.of("hanoi"))) {
                VideoFrame f;
                while ((f = reader.next()) != null) {
                    List<TrackedObject> objects = tracker.update(RiderMerger.detections(d.detectVideoRoadUsers(f)));
                    line.accept(f.sequence(), objects);
                    byFrame.put(f.sequence(), objects);
                }
            }
            LineCrossings.Score s = line.score(labelled, 6);
            int doubles = doubleCounts(line.crossings(), byFrame);
            out.put(e.getKey(), new Outcome(line.crossings().size(), s, doubles));
            System.out.printf("hanoi line, %s: counted %d vs labelled %d (%+.0f %%); likely double counts %d; %s%n",
                    e.getKey(), line.crossings().size(), labelled.size(), 100.0 * (line.crossings().size()
                            - labelled.size()) / labelled.size(), doubles, s);
        }
        Outcome plain = out.get("yolox_nano whole, no riders");
        Outcome riders = out.get("yolox_nano whole + riders");
        assertThat(riders.counted()).isGreaterThanOrEqualTo(plain.counted());
        assertThat(riders.score().extra().size() - plain.score().extra().size())
                .as("extras added by the rider step").isLessThanOrEqualTo(
                        Math.max(1, riders.score().matched() - plain.score().matched()));
        assertThat(riders.doubleCounts()).as("rider double counts").isLessThanOrEqualTo(plain.doubleCounts());
        assertThat(riders.score().matched()).isGreaterThanOrEqualTo((int) Math.ceil(0.4 * labelled.size()));
    }
}
