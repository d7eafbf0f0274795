package id.pantau.detect.plate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.locate.PlateCandidate;
import id.pantau.detect.plate.ocr.DecodedText;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plate detection on 108 full photos of European cars (openalpr benchmark, one labelled plate each): recall of the
 * y5fu detector (a found plate overlaps the label with IoU >= 0.5, or one box contains the other), and reading
 * accuracy of the found plates without the Indonesian grammar (European plates), characters compared with spaces
 * and dashes removed.
 */
class EuropeanSceneAccuracyTest {
    private static final Logger log = LoggerFactory.getLogger(EuropeanSceneAccuracyTest.class);

    @Test
    void findsAndReadsEuropeanPlates() {
        List<PlateData.Scene> scenes = PlateData.europeanScenes();
        assertThat(scenes).hasSizeGreaterThan(100);
        int found = 0, exact = 0, errors = 0, chars = 0, falsePlates = 0;
        PlateReader reader = SharedReader.get();
        {
            for (PlateData.Scene scene : scenes) {
                String truth = scene.text().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                chars += truth.length();
                try (Mat image = MatImages.read(scene.image())) {
                    List<PlateCandidate> plates = reader.locate(image);
                    Optional<PlateCandidate> hit = plates.stream().filter(c -> matches(c.box(), scene.plate())).findFirst();
                    falsePlates += plates.size() - (hit.isPresent() ? 1 : 0);
                    if (hit.isEmpty()) {
                        log.info("{}: plate {} not found ({} other candidates)", scene.image().getFileName(),
                                scene.text(), plates.size());
                        errors += truth.length();
                        continue;
                    }
                    found++;
                    String got;
                    try (Mat plate = reader.rectify(image, hit.get().corners())) {
                        got = reader.readPlateText(plate).map(DecodedText::text).orElse("")
                                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                    }
                    if (got.equals(truth)) {
                        exact++;
                    } else {
                        log.info("{}: expected {}, read {}", scene.image().getFileName(), truth, got);
                    }
                    errors += Math.min(truth.length(), PlateData.editDistance(got, truth));
                }
            }
        }
        double recall = (double) found / scenes.size();
        double exactRate = (double) exact / scenes.size();
        double charRate = 1 - (double) errors / chars;
        log.info("European scenes: {} photos, plate detection recall {} ({}), other detections {}, exact reads {} ({}),"
                        + " character rate {}", scenes.size(), found, String.format("%.3f", recall), falsePlates, exact,
                String.format("%.3f", exactRate), String.format("%.3f", charRate));
        assertThat(recall).as("plate detection recall").isGreaterThanOrEqualTo(0.97);
        assertThat(exactRate).as("exact reads (no grammar)").isGreaterThanOrEqualTo(0.65);
        assertThat(charRate).as("character rate (no grammar)").isGreaterThanOrEqualTo(0.92);
    }

    private static boolean matches(BoundingBox detected, BoundingBox label) {
        return detected.iou(label) >= 0.5 || detected.contains(label) || label.contains(detected);
    }
}
