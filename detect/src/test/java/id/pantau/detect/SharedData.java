package id.pantau.detect;

import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.model.DetectorModelSpec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests find ../shared (models, footage, labels). Switches to id.pantau.core.asset.Assets when it
 * lands on main: only these two methods change.
 */
public final class SharedData {
    private static OnnxDetector yoloxNano;
    private static OnnxDetector yoloxNanoForTracking;

    private SharedData() {
    }

    public static Path data(String relative) {
        return shared().resolve("data").resolve(relative);
    }

    public static Path model(String file) {
        return shared().resolve("models").resolve(file);
    }

    private static Path shared() {
        String p = System.getProperty("pantau.shared");
        Path path = p != null ? Path.of(p) : Path.of("..", "shared");
        if (!Files.isDirectory(path)) {
            path = Path.of("..", "..", "shared");
        }
        return path.toAbsolutePath().normalize();
    }

    public static DetectorModelSpec yoloxNanoSpec() {
        return DetectorModelSpec.cocoYolox("yolox_nano", model("yolox_nano.onnx"));
    }

    /** One detector for the whole test JVM: loading costs ~0.5 s and every real-footage test needs one. */
    public static synchronized OnnxDetector yoloxNano() {
        if (yoloxNano == null) {
            yoloxNano = OnnxDetector.open(yoloxNanoSpec(), DetectorSettings.singleStream(2));
        }
        return yoloxNano;
    }

    /** YOLOX-nano with every class down to 0.1: ByteTrack's second stage needs the low-score boxes. */
    public static synchronized OnnxDetector yoloxNanoForTracking() {
        if (yoloxNanoForTracking == null) {
            yoloxNanoForTracking = OnnxDetector.open(yoloxNanoSpec(), DetectorSettings.forTracking(2, 1));
        }
        return yoloxNanoForTracking;
    }
}
