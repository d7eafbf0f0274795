package id.pantau.detect.plate.image;

import id.pantau.core.perception.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuadTest {

    /** A w x h rectangle centred at (200, 200) turned by the angle, corners in reading order. */
    private static List<Point> rectangle(double w, double h, double degrees) {
        double a = Math.toRadians(degrees), cos = Math.cos(a), sin = Math.sin(a);
        List<Point> out = new ArrayList<>();
        for (double[] c : new double[][]{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}}) {
            out.add(new Point(200 + c[0] * cos - c[1] * sin, 200 + c[0] * sin + c[1] * cos));
        }
        return out;
    }

    @Test
    void aLongTextLineTurnedLikeAMotorbikePlateKeepsItsWidthAndHeight() {
        // 134 x 20 turned 8 degrees: its right end's top corner lies below its left end's bottom corner
        for (double degrees : new double[]{-30, -8, 0, 8, 30}) {
            List<Point> corners = rectangle(134, 20, degrees);
            List<Point> shuffled = new ArrayList<>(corners);
            Collections.shuffle(shuffled, new Random(7));
            Quad q = Quad.ofCorners(shuffled);
            assertThat(q.width()).as("width at %s degrees", degrees).isCloseTo(134, within(1e-6));
            assertThat(q.height()).as("height at %s degrees", degrees).isCloseTo(20, within(1e-6));
            assertThat(q.topLeft()).as("top-left at %s degrees", degrees).isEqualTo(corners.get(0));
            assertThat(q.bottomRight()).isEqualTo(corners.get(2));
        }
    }

    @Test
    void aSquarishPlateIsOrderedFromItsTopLeftWhateverTheInputOrder() {
        List<Point> corners = rectangle(60, 40, 20);
        for (int shift = 0; shift < 4; shift++) {
            List<Point> rotated = new ArrayList<>(corners);
            Collections.rotate(rotated, shift);
            Collections.reverse(rotated); // counter-clockwise input too
            assertThat(Quad.ofCorners(rotated).corners()).containsExactlyElementsOf(corners);
        }
    }
}
