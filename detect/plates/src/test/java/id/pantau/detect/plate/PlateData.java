package id.pantau.detect.plate;

import id.pantau.core.asset.Assets;
import id.pantau.core.perception.BoundingBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The labelled plate data sets of ../shared, found through the asset resolver (checksums verified). */
final class PlateData {
    private PlateData() {
    }

    record Crop(Path image, String text) {
    }

    record Scene(Path image, BoundingBox plate, String text) {
    }

    static List<Crop> indonesianCrops() {
        Path dir = Assets.defaults().data("plates/indonesia");
        return lines(dir.resolve("labels.csv")).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split(",", 2);
            return new Crop(dir.resolve("images").resolve(f[0].trim()), f[1].trim());
        }).toList();
    }

    /** The Indonesian street photos (not in the data manifest: found beside the crops in the shared folder). */
    static Path indonesianScenesDir() {
        return Assets.defaults().data("plates/indonesia").resolveSibling("indonesia_scenes");
    }

    static List<id.pantau.detect.plate.eval.PlateLabels.Label> indonesianScenes() {
        return id.pantau.detect.plate.eval.PlateLabels.read(indonesianScenesDir().resolve("labels.csv"));
    }

    static List<id.pantau.detect.plate.eval.PlateLabels.Label> indonesianCropLabels() {
        return id.pantau.detect.plate.eval.PlateLabels.read(
                Assets.defaults().data("plates/indonesia").resolve("labels.csv"));
    }

    static List<Scene> europeanScenes() {
        Path dir = Assets.defaults().data("plates/openalpr_endtoend_eu");
        return lines(dir.resolve("labels.tsv")).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.trim().split("\t");
            double x = Double.parseDouble(f[1]), y = Double.parseDouble(f[2]);
            double w = Double.parseDouble(f[3]), h = Double.parseDouble(f[4]);
            return new Scene(dir.resolve("images").resolve(f[0]), new BoundingBox(x, y, x + w, y + h), f[5].trim());
        }).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Levenshtein distance: the character errors of a reading against its label (the evaluation's own). */
    static int editDistance(String a, String b) {
        return id.pantau.detect.plate.eval.PlateEvaluation.editDistance(a, b);
    }
}
