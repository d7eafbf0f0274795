package id.pantau.detect.plate;

import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading accuracy on the 116 labelled Indonesian plate crops of ../shared: exact plates and 1 - CER
 * (edit distance over the characters, spaces ignored). The floors below are the measured figures minus a small
 * margin for run-to-run noise (there is none in ONNX Runtime's CPU provider, but the floor must not flap).
 */
class IndonesianPlateAccuracyTest {
    private static final Logger log = LoggerFactory.getLogger(IndonesianPlateAccuracyTest.class);

    @Test
    void readsIndonesianPlateCrops() {
        List<PlateData.Crop> crops = PlateData.indonesianCrops();
        assertThat(crops).hasSizeGreaterThan(100);
        int exact = 0, errors = 0, chars = 0, unreadable = 0;
        PlateReader reader = SharedReader.get();
        {
            for (PlateData.Crop crop : crops) {
                PlateReading r;
                try (Mat image = MatImages.read(crop.image())) {
                    r = reader.readPlate(image);
                }
                String truth = crop.text().replace(" ", "");
                String got = r.plate() == null ? "" : r.plate().compact();
                if (r.isRead() && r.plate().text().equals(crop.text())) {
                    exact++;
                } else {
                    log.info("{}: expected '{}', got {}", crop.image().getFileName(), crop.text(), r);
                }
                if (!r.isRead()) {
                    unreadable++;
                }
                errors += PlateData.editDistance(got, truth);
                chars += truth.length();
            }
        }
        var timer = SharedReader.REGISTRY.get("pantau.plates.read.duration").timer();
        log.info("plate crop OCR (text line + recognition + grammar): mean {} ms over {} plates",
                String.format("%.1f", timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)), timer.count());
        double exactRate = (double) exact / crops.size();
        double charRate = 1 - (double) errors / chars;
        log.info("Indonesian crops: {} plates, exact {} ({}), character rate {}, unreadable {}", crops.size(), exact,
                String.format("%.3f", exactRate), String.format("%.3f", charRate), unreadable);
        assertThat(SharedReader.REGISTRY.get("pantau.plates.readings").tag("status", "read").counter().count())
                .as("read counter").isGreaterThanOrEqualTo(exact);
        assertThat(exactRate).as("exact-plate rate").isGreaterThanOrEqualTo(0.93);
        assertThat(charRate).as("character rate (1 - CER)").isGreaterThanOrEqualTo(0.98);
    }
}
