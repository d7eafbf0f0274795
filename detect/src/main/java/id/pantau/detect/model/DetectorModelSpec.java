package id.pantau.detect.model;

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
