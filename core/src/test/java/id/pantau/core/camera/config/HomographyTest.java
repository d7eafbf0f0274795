package id.pantau.core.camera.config;

import id.pantau.core.perception.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HomographyTest {
    /** A perspective mapping ground -> image, as a tilted camera gives. */
    private static Point project(Point g) {
        double[] m = {40, -12, 640, 0, -9, 700, 0, 0.02, 1};
        double w = m[6] * g.x() + m[7] * g.y() + m[8];
        return new Point((m[0] * g.x() + m[1] * g.y() + m[2]) / w, (m[3] * g.x() + m[4] * g.y() + m[5]) / w);
    }

    @Test
    void recoversAPerspectiveMappingFromFourPoints() throws Exception {
        List<Point> ground = List.of(new Point(-5, 0), new Point(5, 0), new Point(5, 30), new Point(-5, 30));
        List<Point> image = ground.stream().map(HomographyTest::project).toList();
        Homography h = Homography.fit(image, ground);
        Point probeGround = new Point(1.7, 12.3);
        Point back = h.toGround(project(probeGround)).orElseThrow();
        assertThat(back.x()).isCloseTo(1.7, within(1e-6));
        assertThat(back.y()).isCloseTo(12.3, within(1e-6));
    }

    @Test
    void leastSquaresOverManyNoisyPointsStaysClose() throws Exception {
        Random rnd = new Random(7);
        List<Point> ground = new ArrayList<>();
        List<Point> image = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Point g = new Point(-6 + 12 * rnd.nextDouble(), 40 * rnd.nextDouble());
            Point p = project(g);
            ground.add(g);
            image.add(new Point(p.x() + rnd.nextGaussian() * 0.5, p.y() + rnd.nextGaussian() * 0.5));
        }
        Homography h = Homography.fit(image, ground);
        assertThat(h.maxResidualM(image, ground)).isLessThan(0.5);
        Point back = h.toGround(project(new Point(0, 20))).orElseThrow();
        assertThat(back.distanceTo(new Point(0, 20))).isLessThan(0.5);
    }

    @Test
    void collinearPointsAreDegenerate() {
        List<Point> image = List.of(new Point(0, 0), new Point(10, 10), new Point(20, 20), new Point(30, 30));
        List<Point> ground = List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1));
        assertThatThrownBy(() -> Homography.fit(image, ground)).isInstanceOf(Homography.DegenerateException.class);
    }

    @Test
    void pixelsAboveTheHorizonHaveNoGroundPosition() throws Exception {
        List<Point> ground = List.of(new Point(-5, 0), new Point(5, 0), new Point(5, 30), new Point(-5, 30));
        Homography h = Homography.fit(ground.stream().map(HomographyTest::project).toList(), ground);
        // the horizon of this mapping is where 0.02*y + 1 = 0 on the ground, i.e. image y = -9/0.02 = -450
        assertThat(h.toGround(new Point(640, -1000))).isEmpty();
    }
}
