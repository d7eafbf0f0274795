package id.pantau.detect.plate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.detect.plate.grammar.PlateNumber;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlateVoterTest {
    private static final IndonesianPlateGrammar GRAMMAR = IndonesianPlateGrammar.standard();
    private static final BoundingBox BOX = new BoundingBox(0, 0, 10, 5);

    private static PlateReading reading(String text, double... conf) {
        PlateNumber n = GRAMMAR.parse(text).orElseThrow();
        double[] c = conf.length == 1 ? filled(n.compact().length(), conf[0]) : conf;
        double g = Math.exp(Arrays.stream(c).map(Math::log).average().orElse(0));
        return new PlateReading(PlateStatus.READ, n, GRAMMAR.region(n).orElseThrow(), g, c, BOX, null);
    }

    private static double[] filled(int n, double v) {
        double[] c = new double[n];
        Arrays.fill(c, v);
        return c;
    }

    @Test
    void votesCharacterByCharacterWithinTheWinningLayout() {
        PlateVoter voter = new PlateVoter(GRAMMAR, 0.5);
        voter.add(reading("BH 1234 XY", 0.9));
        voter.add(reading("BH 1284 XY", 0.9, 0.9, 0.9, 0.9, 0.6, 0.9, 0.9, 0.9));   // one blurred digit
        voter.add(reading("BH 1234 XV", 0.9));
        voter.add(reading("BH 234 XY", 0.7));        // a frame that lost a digit: other layout, outvoted
        PlateReading r = voter.result().orElseThrow();
        assertThat(r.status()).isEqualTo(PlateStatus.READ);
        assertThat(r.text()).contains("BH 1234 XY");
        assertThat(r.region().name()).isEqualTo("Jambi");
        // the disputed characters carry less confidence than the agreed ones
        assertThat(r.characterConfidences()[4]).isLessThan(r.characterConfidences()[3]);
        assertThat(r.characterConfidences()[7]).isLessThan(r.characterConfidences()[6]);
    }

    @Test
    void staysUnreadableWhenNoFrameWasReadable() {
        PlateVoter voter = new PlateVoter(GRAMMAR, 0.5);
        assertThat(voter.result()).isEmpty();
        voter.add(PlateReading.unreadable(0.2, BOX, null));
        voter.add(PlateReading.unreadable(0.3, BOX, null));
        assertThat(voter.result().orElseThrow().status()).isEqualTo(PlateStatus.UNREADABLE);
        assertThat(voter.result().orElseThrow().text()).isEmpty();
    }

    @Test
    void disagreementBelowTheThresholdIsUnreadableNotAGuess() {
        PlateVoter voter = new PlateVoter(GRAMMAR, 0.6);
        voter.add(reading("B 1111 AA", 0.55));
        voter.add(reading("B 7777 XX", 0.55));
        voter.add(reading("B 4444 YY", 0.55));
        assertThat(voter.result().orElseThrow().status()).isEqualTo(PlateStatus.UNREADABLE);
    }

    @Test
    void resultDoesNotDependOnFrameOrder() {
        List<PlateReading> rs = List.of(reading("L 1588 OO", 0.8), reading("L 1588 QO", 0.8), reading("L 1586 OO", 0.7));
        PlateVoter a = new PlateVoter(GRAMMAR, 0.3), b = new PlateVoter(GRAMMAR, 0.3);
        rs.forEach(a::add);
        rs.reversed().forEach(b::add);
        assertThat(a.result().orElseThrow().text()).isEqualTo(b.result().orElseThrow().text()).contains("L 1588 OO");
    }

    @Test
    void votesRealReadingsOfDegradedViewsOfOnePlate() {
        // a tracked vehicle seen at several distances: the same real plate at shrinking resolution, read for real
        PlateData.Crop crop = PlateData.indonesianCrops().get(2);
        PlateReader reader = SharedReader.get();
        PlateVoter voter = new PlateVoter(GRAMMAR, 0.5);
        List<String> perFrame = new ArrayList<>();
        try (Mat plate = MatImages.read(crop.image())) {
            for (double scale : new double[]{1.0, 0.5, 0.3, 0.2, 0.15}) {
                int w = (int) (plate.cols() * scale), h = (int) (plate.rows() * scale);
                try (Mat small = new Mat(); Size size = new Size(w, h)) {
                    opencv_imgproc.resize(plate, small, size, 0, 0, opencv_imgproc.INTER_AREA);
                    PlateReading r = reader.readPlate(small);
                    perFrame.add(r.toString());
                    voter.add(r);
                }
            }
        }
        PlateReading voted = voter.result().orElseThrow();
        assertThat(voted.text()).as("frames: %s", perFrame).contains(crop.text());
        assertThat(voted.crop()).isNotNull();
    }
}
