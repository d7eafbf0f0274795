package id.pantau.benchmarks.jmh;

import id.pantau.core.asset.Assets;
import id.pantau.detect.plate.PlateReader;
import id.pantau.detect.plate.PlateReaderSettings;
import id.pantau.detect.plate.PlateReading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading one real Indonesian plate crop: text-line detection (PP-OCRv4 det), recognition (PP-OCRv4 rec) and the
 * grammar-constrained CTC decoding.
 */
@State(Scope.Thread)
public class PlateReadingBenchmark {
    PlateReader reader;
    Mat plate;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Assets.defaults().data("plates/indonesia");
        List<String> rows = Files.readAllLines(dir.resolve("labels.csv"));
        String image = rows.get(1).split(",", 2)[0].trim();
        plate = opencv_imgcodecs.imread(dir.resolve("images").resolve(image).toString());
        if (plate.empty()) {
            throw new IllegalStateException("could not read plate image " + image);
        }
        reader = PlateReader.open(Assets.defaults(), PlateReaderSettings.defaults(), new SimpleMeterRegistry());
    }

    @Benchmark
    public PlateReading readPlate() {
        return reader.readPlate(plate);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reader.close();
        plate.close();
    }
}
