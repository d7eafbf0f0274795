package id.pantau.detect.inference;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.preprocess.PixelRegion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 2x2 overlapping tiles find more of the small cars on the highway clip's labelled frames than one plain pass. */
class TilingTest {

    @Test
    void tilesCoverTheFrameWithOverlap() {
        TiledDetector t = new TiledDetector(SharedData.yoloxNano(), 2, 2, 0.2, true);
        List<PixelRegion> tiles = t.tiles(960, 540);
        assertThat(tiles).hasSize(4);
        assertThat(tiles.getFirst()).isEqualTo(new PixelRegion(0, 0, 534, 300));
        assertThat(tiles.getLast().x() + tiles.getLast().width()).isEqualTo(960);
        assertThat(tiles.getLast().y() + tiles.getLast().height()).isEqualTo(540);
        assertThat(tiles.get(1).x()).as("overlap with the left tile").isLessThan(tiles.getFirst().width());
    }

    @Test
    void tilingFindsMoreCarsOnTheHighwayFrames() {
        OnnxDetector plain = SharedData.yoloxNanoNoTrainAsBus();
        TiledDetector tiled = new TiledDetector(plain, 2, 2, 0.2, true);
        int plainTotal = 0;
        int tiledTotal = 0;
        for (int frame : new int[] {60, 240, 315}) {
            VideoFrame f = ImageFiles.read(SharedData.data(
                    "videos/labels/degirum_Traffic_highway_11s/frames/frame_%04d.png".formatted(frame)),
                    CameraId.of("highway"), frame);
            int p = cars(plain.detect(f));
            int t = cars(tiled.detect(f));
            System.out.printf("highway frame %d: plain %d cars, 2x2 tiles %d cars%n", frame, p, t);
            assertThat(t).as("frame %d", frame).isGreaterThanOrEqualTo(p);
            plainTotal += p;
            tiledTotal += t;
        }
        assertThat(tiledTotal).isGreaterThan(plainTotal);
    }

    private static int cars(List<Detection> ds) {
        return (int) ds.stream().filter(d -> d.roadUser() == RoadUserClass.CAR).count();
    }
}
