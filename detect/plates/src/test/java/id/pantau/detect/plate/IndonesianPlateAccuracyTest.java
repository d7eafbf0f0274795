package id.pantau.detect.plate;

import id.pantau.detect.plate.eval.PlateEvaluation;
import id.pantau.detect.plate.eval.PlateLabels;
import id.pantau.detect.plate.eval.PlateLabels.Label;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading accuracy on the 116 labelled Indonesian plate crops of ../shared: exact plates, CER (edit distance over
 * the characters, spaces ignored), share READ and accuracy of READ, split dev / held-out by a hash of the file name.
 * Floors are the measured figures minus a small margin (ONNX Runtime's CPU provider is deterministic here, but the
 * floor must not flap with a library update).
 */
class IndonesianPlateAccuracyTest {
    private static final Logger log = LoggerFactory.getLogger(IndonesianPlateAccuracyTest.class);

    @Test
    void readsIndonesianPlateCrops() {
        List<Label> crops = PlateData.indonesianCropLabels();
        assertThat(crops).hasSizeGreaterThan(100);
        Path images = PlateData.indonesianCrops().getFirst().image().getParent();
        PlateReader reader = SharedReader.get();
        PlateEvaluation eval = new PlateEvaluation();
        for (Label crop : crops) {
            PlateReading r;
            try (Mat image = MatImages.read(images.resolve(crop.image()))) {
                r = reader.readPlate(image);
            }
            PlateEvaluation.Outcome o = eval.add(crop, List.of(r));
            if (!o.guessRight()) {
                log.info("{} [{}]: expected '{}', got {}", crop.image(), crop.part().label(), crop.text(), r);
            }
        }
        var timer = SharedReader.REGISTRY.get("pantau.plates.read.duration").timer();
        log.info("plate crop OCR (text line + recognition + grammar): mean {} ms over {} plates",
                String.format("%.1f", timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)), timer.count());
        log.info("\n{}", eval.report("Indonesian plate crops"));
        log.info("reliability, all crops:\n{}", eval.reliability(o -> true, 0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1));
        PlateEvaluation.Stats all = eval.stats(o -> true);
        PlateEvaluation.Stats held = eval.stats(PlateEvaluation.part(PlateLabels.Part.HELD_OUT));
        assertThat(SharedReader.REGISTRY.get("pantau.plates.readings").tag("status", "read").counter().count())
                .as("read counter").isGreaterThanOrEqualTo(all.read());
        assertThat(all.exactRate()).as("best guess exact, all crops").isGreaterThanOrEqualTo(0.93);
        assertThat(all.top3Rate()).as("label among the top 3 alternatives").isGreaterThanOrEqualTo(0.96);
        assertThat(1 - all.cer()).as("character rate (1 - CER) of the best guesses").isGreaterThanOrEqualTo(0.98);
        assertThat(all.readAccuracy()).as("READ plates that are right, all crops").isGreaterThanOrEqualTo(0.97);
        assertThat(held.readAccuracy()).as("READ plates that are right, held-out").isGreaterThanOrEqualTo(0.97);
        assertThat(all.readShare()).as("share READ").isGreaterThanOrEqualTo(0.5);
    }
}
