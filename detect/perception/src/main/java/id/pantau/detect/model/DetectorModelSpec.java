package id.pantau.detect.model;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.asset.ModelAsset;
import id.pantau.core.asset.ModelSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the detector needs to know about a model file: where it is, how to decode it and its class names (index =
 * class id of the model's output). The class names come from the model manifest; {@link #cocoYolox} gives the
 * shipped YOLOX-nano's.
 *
 * @param name        model name used in logs and metrics ("yolox_nano")
 * @param path        the .onnx file
 * @param family      output format / pre-processing convention
 * @param classNames  the model's class names, in output order
 * @param inputSize   square input side used when the model's input has dynamic height/width (ignored otherwise)
 */
public record DetectorModelSpec(String name, Path path, ModelFamily family, List<String> classNames, int inputSize) {
    public static final int DEFAULT_DYNAMIC_INPUT = 640;

    public DetectorModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(family, "family");
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("model " + name + ": the manifest lists no class names");
        }
        if (inputSize <= 0 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("model " + name + ": input size " + inputSize
                    + " must be a positive multiple of 32");
        }
    }

    /**
     * The detector view of a model resolved by {@code id.pantau.core.asset.Assets}: family and class names from
     * the manifest entry, input size from its input shape (the last dimension; 640 when dynamic).
     *
     * @throws DetectorSetupException when the manifest entry is not a detector Pantau can decode
     */
    public static DetectorModelSpec from(ModelAsset asset) {
        ModelSpec m = asset.spec();
        ModelFamily family;
        try {
            family = ModelFamily.fromConfigName(m.family());
        } catch (IllegalArgumentException e) {
            throw new DetectorSetupException("model " + m.name() + " (" + asset.path() + "): " + e.getMessage()
                    + "; only detector models can be used by the detect stage", e);
        }
        List<String> classes = m.classes().isEmpty() ? coco80() : m.classes();
        int size = DEFAULT_DYNAMIC_INPUT;
        JsonNode shape = m.input() == null ? null : m.input().get("shape");
        if (shape != null && shape.isArray() && shape.size() == 4 && shape.get(3).asInt() > 0
                && shape.get(3).asInt() % 32 == 0) {
            size = shape.get(3).asInt();
        }
        return new DetectorModelSpec(m.name(), asset.path(), family, classes, size);
    }

    /** The 80 COCO class names in the order YOLOX and Ultralytics COCO exports use. */
    public static List<String> coco80() {
        try (InputStream in = DetectorModelSpec.class.getResourceAsStream("coco80.txt")) {
            if (in == null) {
                throw new IllegalStateException("coco80.txt missing from the detect jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A COCO-80 YOLOX export at {@code path} (e.g. the shipped yolox_nano.onnx). */
    public static DetectorModelSpec cocoYolox(String name, Path path) {
        return new DetectorModelSpec(name, path, ModelFamily.YOLOX, coco80(), 416);
    }

    /** A COCO-80 Ultralytics export (YOLOv8/YOLO11) at {@code path}. */
    public static DetectorModelSpec cocoUltralytics(String name, Path path) {
        return new DetectorModelSpec(name, path, ModelFamily.ULTRALYTICS, coco80(), DEFAULT_DYNAMIC_INPUT);
    }
}
