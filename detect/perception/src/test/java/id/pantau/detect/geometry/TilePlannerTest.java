package id.pantau.detect.geometry;

import id.pantau.core.perception.Point;
import id.pantau.detect.preprocess.PixelRegion;
import id.pantau.detect.profile.CameraDetectorConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TilePlannerTest {
    static CameraDetectorConfig hanoi() throws Exception {
        return CameraDetectorConfig.read(Path.of(TilePlannerTest.class.getResource("/cameras/hanoi-dense.json")
                .toURI()));
    }

    @Test
    void groundScaleReproducesAKnownHomography() {
        // camera looking down a road: ground (x across, y along) -> image by a made-up homography
        double[] h = {40, 32, 320, 0, 10, 470, 0, 0.1, 1}; // horizon at y = 100
        List<Point> ground = List.of(new Point(-4, 0), new Point(4, 0), new Point(4, 20), new Point(-4, 20),
                new Point(0, 10));
        List<Point> image = ground.stream().map(g -> {
            double w = h[6] * g.x() + h[7] * g.y() + h[8];
            return new Point((h[0] * g.x() + h[1] * g.y() + h[2]) / w, (h[3] * g.x() + h[4] * g.y() + h[5]) / w);
        }).toList();
        GroundScale s = GroundScale.fit(image, ground);
        // at ground (0, 0) -> image (320, 470): across the road 1 m = 40 px exactly
        assertThat(s.pixelsPerMetre(320, 470).orElseThrow()).isCloseTo(40, within(0.5));
        // farther up the picture a metre is smaller
        Point far = image.get(2);
        assertThat(s.pixelsPerMetre(far.x(), far.y()).orElseThrow()).isLessThan(20);
        // above the horizon (w <= 0 has no ground point)
        assertThat(s.pixelsPerMetre(320, -5000)).isEmpty();
    }

    @Test
    void hanoiPlanMagnifiesTheFarStreetAndLeavesTheNearRowsToTheWholeFrame() throws Exception {
        CameraDetectorConfig c = hanoi();
        GroundScale s = GroundScale.fit(c.calibrationImage(), c.calibrationGround());
        for (int y : new int[] {100, 130, 180, 250, 350, 450}) {
            System.out.printf("hanoi row %d: motorbike %.1f px wide%n", y,
                    TilePlanner.bikeWidth(s, c.zones(), y, 640));
        }
        TilePlanner.Plan p = new TilePlanner(416, 20, 0.2, 2.5, 12).plan(640, 480, s, c.zones());
        System.out.println("hanoi plan: " + p.explanation() + " " + p.tiles());
        assertThat(p.tiles()).isNotEmpty().allMatch(t -> t.fitsIn(640, 480));
        // far tiles first and smaller than the nearer ones
        PixelRegion first = p.tiles().getFirst();
        PixelRegion last = p.tiles().getLast();
        assertThat(first.y()).isLessThan(last.y());
        assertThat(first.width()).isLessThanOrEqualTo(last.width());
        // the near rows (motorbikes > 40 px wide) are left to the whole-frame pass
        assertThat(p.tiles()).allMatch(t -> t.y() < 330);
        // no tile is magnified more than 2.5x
        assertThat(p.tiles()).allMatch(t -> t.width() >= 416 / 2.5 - 1);
        assertThat(p.explanation()).contains("magnification cap");
        // a budget of 2 tiles keeps the nearest band(s) and reports the far rows as not covered
        TilePlanner.Plan small = new TilePlanner(416, 20, 0.2, 2.5, 2).plan(640, 480, s, c.zones());
        assertThat(small.tiles().size()).isLessThanOrEqualTo(2);
        assertThat(small.explanation()).contains("not covered");
    }
}
