package id.pantau.detect.model;

import id.pantau.core.asset.AssetNotFoundException;
import id.pantau.core.asset.Assets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the model a user or config names: a manifest name ("yolox_nano", resolved and verified by
 * {@link Assets}), or a path to an operator's own .onnx export with its family ("yolov8", "yolo11", "yolox";
 * COCO-80 class names assumed, as in the standard exports).
 */
public final class DetectorModels {
    private DetectorModels() {
    }

    public static DetectorModelSpec resolve(String nameOrPath, Optional<String> family, Assets assets) {
        Path asPath = Path.of(nameOrPath);
        boolean looksLikeFile = nameOrPath.toLowerCase(Locale.ROOT).endsWith(".onnx") || Files.isRegularFile(asPath);
        if (looksLikeFile) {
            ModelFamily f = ModelFamily.fromConfigName(family.orElseThrow(() -> new DetectorSetupException(
                    "model file " + asPath.toAbsolutePath() + ": say which family it is (--family yolox|yolov8|"
                            + "yolo11), Pantau cannot guess the output layout")));
            String name = asPath.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
            return new DetectorModelSpec(name, asPath, f, DetectorModelSpec.coco80(),
                    f == ModelFamily.YOLOX ? 416 : DetectorModelSpec.DEFAULT_DYNAMIC_INPUT);
        }
        try {
            DetectorModelSpec spec = DetectorModelSpec.from(assets.model(nameOrPath));
            if (family.isPresent() && ModelFamily.fromConfigName(family.get()) != spec.family()) {
                throw new DetectorSetupException("model " + nameOrPath + " is a " + spec.family()
                        + " model in the manifest, not " + family.get() + "; drop --family or fix the manifest");
            }
            return spec;
        } catch (AssetNotFoundException e) {
            throw new DetectorSetupException(e.getMessage(), e);
        }
    }
}
