package id.pantau.detect;

import id.pantau.core.asset.Assets;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.model.DetectorModelSpec;

import java.nio.file.Path;

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
