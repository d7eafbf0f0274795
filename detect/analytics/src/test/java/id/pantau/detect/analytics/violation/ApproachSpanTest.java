package id.pantau.detect.analytics.violation;

import id.pantau.core.perception.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The approach covers the painted stop line widened to where its lanes meet the line's extension. */
class ApproachSpanTest {
    private static final Point A = new Point(200, 400);
    private static final Point B = new Point(600, 400);

    @Test
    void aLaneWiderThanThePaintedLineWidensTheApproach() {
        // lane from x 100 to 700 at the line, wider still at the bottom of the picture (perspective)
        List<Point> lane = List.of(new Point(100, 400), new Point(700, 400), new Point(800, 700), new Point(0, 700));
        double[] span = RedLightRule.approachSpan(A, B, List.of(lane));
        assertThat(span[0]).isCloseTo(-0.25, within(1e-9));
        assertThat(span[1]).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void aLaneCrossingTheLineCountsWhereItsEdgesMeetIt() {
        // the lane's side edges run from behind the line to past it: they meet it at x 150 and 650
        List<Point> lane = List.of(new Point(150, 300), new Point(650, 300), new Point(650, 700), new Point(150, 700));
        double[] span = RedLightRule.approachSpan(A, B, List.of(lane));
        assertThat(span[0]).isCloseTo(-0.125, within(1e-9));
        assertThat(span[1]).isCloseTo(1.125, within(1e-9));
    }

    @Test
    void lanesWithinThePaintedLineKeepIt() {
        List<Point> lane = List.of(new Point(250, 400), new Point(550, 400), new Point(550, 700), new Point(250, 700));
        assertThat(RedLightRule.approachSpan(A, B, List.of(lane))).containsExactly(0, 1);
        assertThat(RedLightRule.approachSpan(A, B, List.of())).containsExactly(0, 1);
    }
}
