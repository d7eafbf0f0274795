package id.pantau.detect;

import id.pantau.core.asset.Assets;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.model.DetectorModelSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one place tests find models, footage and labels: through the project's asset resolver (Assets). */
public final class SharedData {
    private static OnnxDetector yoloxNano;
    private static OnnxDetector yoloxNanoForTracking;
    private static OnnxDetector yoloxNanoNoTrain;

    private SharedData() {
    }

    /** A shared data file or folder by its path under ../shared/data, verified against data/manifest.json. */
    public static Path data(String relative) {
        return Assets.defaults().data(relative);
    }

    /**
     * One labelled frame from each of three cameras, of three sizes (road 1280x720, highway 960x540, Hanoi 640x480),
     * as camera0..camera2: what the batching tests put through one inference.
     */
    public static List<VideoFrame> threeCameraFrames() {
        List<String> files = List.of(
                "videos/labels/ahmetozlu_vehicle_survaillance_road_38s/frames/frame_0100.png",
                "videos/labels/degirum_Traffic_highway_11s/frames/frame_0240.png",
                "videos/labels/hanoi_cctv_lythuongkiet-hangbai_intersection_64s/frames/frame_0200.png");
        List<VideoFrame> frames = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            frames.add(ImageFiles.read(data(files.get(i)), CameraId.of("camera" + i), i));
        }
        return frames;
    }

    /** A model file by manifest name, verified. */
    public static Path model(String name) {
        return Assets.defaults().model(name).path();
    }

    public static DetectorModelSpec yoloxNanoSpec() {
        return DetectorModelSpec.from(Assets.defaults().model("yolox_nano"));
    }

    /** One detector for the whole test JVM: loading costs ~0.5 s and every real-footage test needs one. */
    public static synchronized OnnxDetector yoloxNano() {
        if (yoloxNano == null) {
            yoloxNano = OnnxDetector.open(yoloxNanoSpec(), DetectorSettings.singleStream(2));
        }
        return yoloxNano;
    }

    /**
     * YOLOX-nano without the train -> bus mapping, for the overpass (highway) view where the model reads the road
     * structure as a train (0.3-0.76): a per-camera setting.
     */
    public static synchronized OnnxDetector yoloxNanoNoTrainAsBus() {
        if (yoloxNanoNoTrain == null) {
            yoloxNanoNoTrain = OnnxDetector.open(yoloxNanoSpec(), DetectorSettings.singleStream(2)
                    .withTrainIsBus(false));
        }
        return yoloxNanoNoTrain;
    }

    /** YOLOX-nano with every class down to 0.1: ByteTrack's second stage needs the low-score boxes. */
    public static synchronized OnnxDetector yoloxNanoForTracking() {
        if (yoloxNanoForTracking == null) {
            yoloxNanoForTracking = OnnxDetector.open(yoloxNanoSpec(), DetectorSettings.forTracking(2, 1));
        }
        return yoloxNanoForTracking;
    }
}
