package id.pantau.detect.accuracy;

import id.pantau.core.camera.CameraId;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Car recall on the 108 European plate photos: a car counts as found when its labelled plate box lies inside a
 * detected car box (cars only: the strict reading). Measured with yolox_nano and the default thresholds:
 * 0.870 (94/108), recorded in detect/README.md; the test fails below 0.85. Most misses are close-up cars that
 * YOLOX-nano calls truck: inside a car, truck or bus box the figure is 0.981 (106/108), asserted at 0.95.
 */
class CarRecallTest {
    static final double RECORDED_MIN_RECALL = 0.85;
    static final double RECORDED_MIN_VEHICLE_RECALL = 0.95;

    @Test
    void everyLabelledPlateLiesInsideADetectedCar() throws Exception {
        Path dir = SharedData.data("plates/openalpr_endtoend_eu");
        List<String> rows = Files.readAllLines(dir.resolve("labels.tsv")).stream().skip(1)
                .filter(l -> !l.isBlank()).toList();
        var detector = SharedData.yoloxNano();
        int found = 0;
        int foundAnyVehicle = 0;
        StringBuilder misses = new StringBuilder();
        for (String row : rows) {
            String[] f = row.split("\t");
            BoundingBox plate = new BoundingBox(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[1]) + Double.parseDouble(f[3]),
                    Double.parseDouble(f[2]) + Double.parseDouble(f[4]));
            List<Detection> ds = detector.detect(ImageFiles.read(dir.resolve("images").resolve(f[0]),
                    CameraId.of("eu"), 0));
            if (inside(plate, ds, Set.of(RoadUserClass.CAR))) {
                found++;
            } else {
                misses.append(' ').append(f[0]);
            }
            if (inside(plate, ds, Set.of(RoadUserClass.CAR, RoadUserClass.TRUCK, RoadUserClass.BUS))) {
                foundAnyVehicle++;
            }
        }
        double recall = (double) found / rows.size();
        System.out.printf("car recall on openalpr_endtoend_eu: %.3f (%d/%d), car|truck|bus %.3f; misses:%s%n",
                recall, found, rows.size(), (double) foundAnyVehicle / rows.size(), misses);
        assertThat(rows).hasSize(108);
        assertThat(recall).as("car recall").isGreaterThanOrEqualTo(RECORDED_MIN_RECALL);
        assertThat((double) foundAnyVehicle / rows.size()).as("vehicle recall")
                .isGreaterThanOrEqualTo(RECORDED_MIN_VEHICLE_RECALL);
    }

    private static boolean inside(BoundingBox plate, List<Detection> ds, Set<RoadUserClass> classes) {
        return ds.stream().anyMatch(d -> classes.contains(d.roadUser()) && d.box().contains(plate));
    }
}
