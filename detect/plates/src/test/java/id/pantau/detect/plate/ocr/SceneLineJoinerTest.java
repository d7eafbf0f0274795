package id.pantau.detect.plate.ocr;

import id.pantau.core.perception.Point;
import id.pantau.detect.plate.image.Quad;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SceneLineJoinerTest {
    private final SceneLineJoiner joiner = new SceneLineJoiner();

    /** A horizontal piece from x1 to x2 whose top is at y, h high, on a row rising by {@code slope} per pixel. */
    private static TextLine piece(double x1, double x2, double y, double h, double slope) {
        return new TextLine(new Quad(new Point(x1, y + slope * x1), new Point(x2, y + slope * x2),
                new Point(x2, y + h + slope * x2), new Point(x1, y + h + slope * x1)), 0.8);
    }

    @Test
    void thePiecesOfATiltedPlateNumberBecomeOneLine() {
        // "AA | 2296 | UK" on a row tilted by about 8 degrees, gaps of about half a character height
        double slope = Math.tan(Math.toRadians(8));
        List<TextLine> joined = joiner.join(List.of(piece(180, 210, 100, 20, slope), piece(100, 135, 100, 20, slope),
                piece(145, 170, 100, 20, slope)));
        assertThat(joined).hasSize(1);
        Quad q = joined.getFirst().outline();
        assertThat(q.topLeft().x()).isEqualTo(100);
        assertThat(q.topRight().x()).isEqualTo(210);
        assertThat(q.height()).isCloseTo(20, within(0.5));
    }

    @Test
    void theExpiryRowAFarLineAndAnotherRowStayApart() {
        TextLine number = piece(100, 220, 100, 20, 0);
        TextLine expiry = piece(140, 190, 124, 10, 0);       // half as tall, below
        TextLine farAway = piece(300, 360, 100, 20, 0);      // 4 heights to the right
        TextLine otherRow = piece(225, 280, 130, 20, 0);     // beside, but a row lower
        assertThat(joiner.join(List.of(number, expiry, farAway, otherRow))).hasSize(4);
    }
}
