package id.pantau.detect.postprocess;

import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.RoadUserMapping;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The two output decoders on constructed tensors (no YOLOv8 model is available here). */
class DecoderTest {
    private static final List<String> COCO = DetectorModelSpec.coco80();
    private static final RoadUserMapping MAPPING = RoadUserMapping.defaults(COCO);

    @Test
    void ultralyticsLayoutIsAttributeMajorWithPixelBoxes() {
        int n = 3;
        int attrs = 4 + 80;
        float[] out = new float[attrs * n];
        // anchor 1: a bus at cx=320, cy=200, 100x50, score 0.8 ; anchor 2: a car at 0.2 (below 0.3)
        set(out, n, 1, 320, 200, 100, 50);
        out[(4 + 5) * n + 1] = 0.8f;
        set(out, n, 2, 50, 50, 10, 10);
        out[(4 + 2) * n + 2] = 0.2f;
        // anchor 0: a traffic light (not a road user) at 0.9
        out[(4 + 9) * n] = 0.9f;
        List<Candidate> c = new UltralyticsDecoder(MAPPING).decode(out, new long[] {1, attrs, n});
        assertThat(c).singleElement().satisfies(d -> {
            assertThat(d.roadUser()).isEqualTo(RoadUserClass.BUS);
            assertThat(d.classId()).isEqualTo(5);
            assertThat(d.score()).isEqualTo(0.8f);
            assertThat(d.x1()).isEqualTo(270f);
            assertThat(d.y1()).isEqualTo(175f);
            assertThat(d.x2()).isEqualTo(370f);
            assertThat(d.y2()).isEqualTo(225f);
        });
    }

    @Test
    void ultralyticsDecodeThenNmsMergesOverlappingAnchors() {
        int n = 2;
        float[] out = new float[84 * n];
        set(out, n, 0, 100, 100, 40, 40);
        set(out, n, 1, 102, 101, 40, 40);
        out[(4 + 2) * n] = 0.9f;
        out[(4 + 2) * n + 1] = 0.7f;
        List<Candidate> kept = Nms.defaults().apply(new UltralyticsDecoder(MAPPING).decode(out,
                new long[] {1, 84, n}));
        assertThat(kept).singleElement().extracting(Candidate::score).isEqualTo(0.9f);
    }

    @Test
    void yoloxGridDecodingUsesStrideAndExp() {
        YoloxDecoder dec = new YoloxDecoder(416, 416, MAPPING);
        int anchors = YoloxDecoder.anchorCount(416, 416);
        assertThat(anchors).isEqualTo(3549);
        float[] out = new float[anchors * 85];
        // stride-16 grid starts after 52*52 stride-8 cells; cell (gx=3, gy=2) of the 26x26 grid
        int i = 52 * 52 + 2 * 26 + 3;
        int b = i * 85;
        out[b] = 0.5f;                     // x offset
        out[b + 1] = 0.25f;                // y offset
        out[b + 2] = (float) Math.log(4);  // w = 4 * 16
        out[b + 3] = (float) Math.log(2);  // h = 2 * 16
        out[b + 4] = 0.8f;                 // objectness
        out[b + 5 + 3] = 0.5f;             // motorcycle
        List<Candidate> c = dec.decode(out, new long[] {1, anchors, 85});
        assertThat(c).singleElement().satisfies(d -> {
            assertThat(d.roadUser()).isEqualTo(RoadUserClass.MOTORCYCLE);
            assertThat(d.score()).isCloseTo(0.4f, offset(1e-6f));
            float cx = (0.5f + 3) * 16;
            float cy = (0.25f + 2) * 16;
            assertThat(d.x1()).isCloseTo(cx - 32, offset(1e-3f));
            assertThat(d.x2()).isCloseTo(cx + 32, offset(1e-3f));
            assertThat(d.y1()).isCloseTo(cy - 16, offset(1e-3f));
            assertThat(d.y2()).isCloseTo(cy + 16, offset(1e-3f));
        });
    }

    @Test
    void trainCountsAsBusOnlyWhenConfigured() {
        YoloxDecoder on = new YoloxDecoder(416, 416, RoadUserMapping.defaults(COCO));
        YoloxDecoder off = new YoloxDecoder(416, 416,
                RoadUserMapping.forClassNames(COCO, false, RoadUserMapping.defaultThresholds()));
        float[] out = new float[3549 * 85];
        out[4] = 0.9f;
        out[5 + 6] = 0.5f; // train
        long[] shape = {1, 3549, 85};
        assertThat(on.decode(out, shape)).singleElement().extracting(Candidate::roadUser)
                .isEqualTo(RoadUserClass.BUS);
        assertThat(off.decode(out, shape)).isEmpty();
    }

    @Test
    void eachFramesViewOfABatchedOutputDecodesLikeItsOwnArray() {
        int n = 2;
        int attrs = 84;
        float[] second = new float[attrs * n];
        set(second, n, 1, 320, 200, 100, 50);
        second[(4 + 5) * n + 1] = 0.8f;
        // a batch of two: frame 0 all zeros, frame 1 = 'second'; frame 1's view starts mid-array
        float[] batch = new float[2 * attrs * n];
        System.arraycopy(second, 0, batch, attrs * n, second.length);
        UltralyticsDecoder dec = new UltralyticsDecoder(MAPPING);
        long[] frameShape = {1, attrs, n};
        assertThat(dec.decode(FloatBuffer.wrap(batch, attrs * n, attrs * n).slice(), frameShape))
                .isEqualTo(dec.decode(second, frameShape)).hasSize(1);
        assertThat(dec.decode(FloatBuffer.wrap(batch, 0, attrs * n).slice(), frameShape)).isEmpty();
    }

    @Test
    void shapeChecksNameTheExpectedLayout() {
        assertThat(new YoloxDecoder(416, 416, MAPPING).shapeProblem(new long[] {1, 3549, 85})).isNull();
        assertThat(new YoloxDecoder(416, 416, MAPPING).shapeProblem(new long[] {1, 2}))
                .contains("[1, 3549, 85]").contains("[1, 2]");
        assertThat(new UltralyticsDecoder(MAPPING).shapeProblem(new long[] {1, 84, 8400})).isNull();
        assertThat(new UltralyticsDecoder(MAPPING).shapeProblem(new long[] {1, 8400, 84})).contains("[1, 84, N]");
    }

    private static void set(float[] out, int n, int anchor, float cx, float cy, float w, float h) {
        out[anchor] = cx;
        out[n + anchor] = cy;
        out[2 * n + anchor] = w;
        out[3 * n + anchor] = h;
    }
}
