package id.pantau.detect.plate.ocr;

import id.pantau.detect.plate.image.Quad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins the pieces of one text line in a street picture. The text detector often splits a plate's number at the
 * wide gaps between its groups ({@code AA | 2296 | UK}); each piece alone is too short to look like a plate and is
 * grown to a box that misses the plate. Pieces of similar height whose centres lie on the same (possibly tilted)
 * row and whose gap is under a character height or so are one line: the joined outline runs from the left piece's
 * left edge to the right piece's right edge, so it keeps the line's tilt.
 */
public final class SceneLineJoiner {
    /** Largest horizontal gap between two pieces, in line heights (the gap between plate groups is about one). */
    static final double MAX_GAP = 1.5;
    /** Pieces of one line differ in height by less than this factor (the expiry row is about half as tall). */
    static final double MAX_HEIGHT_RATIO = 1.5;
    /** Centres on one row: their vertical offset, after following the tilt, is under this share of the height. */
    static final double MAX_ROW_OFFSET = 0.5;

    public List<TextLine> join(List<TextLine> lines) {
        List<TextLine> pieces = new ArrayList<>(lines);
        pieces.sort(Comparator.comparingDouble(l -> l.outline().bounds().x1()));
        boolean joined = true;
        while (joined) {
            joined = false;
            outer:
            for (int i = 0; i < pieces.size(); i++) {
                for (int j = 0; j < pieces.size(); j++) {
                    if (i != j && sameLine(pieces.get(i), pieces.get(j))) {
                        TextLine merged = merge(pieces.get(i), pieces.get(j));
                        pieces.remove(Math.max(i, j));
                        pieces.remove(Math.min(i, j));
                        pieces.add(merged);
                        pieces.sort(Comparator.comparingDouble(l -> l.outline().bounds().x1()));
                        joined = true;
                        break outer;
                    }
                }
            }
        }
        return pieces;
    }

    /** {@code left} ends where {@code right} begins, on the same row and at a similar height. */
    static boolean sameLine(TextLine left, TextLine right) {
        Quad a = left.outline(), b = right.outline();
        double ha = a.height(), hb = b.height();
        if (ha <= 0 || hb <= 0 || Math.max(ha, hb) / Math.min(ha, hb) > MAX_HEIGHT_RATIO) {
            return false;
        }
        double leftEnd = (a.topRight().x() + a.bottomRight().x()) / 2;
        double rightStart = (b.topLeft().x() + b.bottomLeft().x()) / 2;
        double gap = rightStart - leftEnd;
        double h = Math.max(ha, hb);
        if (gap > MAX_GAP * h || gap < -0.5 * Math.min(a.width(), b.width())) {
            return false;
        }
        // follow the left piece's tilt to where the right piece starts
        double slope = (a.topRight().y() - a.topLeft().y()) / Math.max(1e-6, a.topRight().x() - a.topLeft().x());
        double leftMidY = (a.topRight().y() + a.bottomRight().y()) / 2;
        double rightMidY = (b.topLeft().y() + b.bottomLeft().y()) / 2;
        return Math.abs(rightMidY - (leftMidY + slope * gap)) < MAX_ROW_OFFSET * h;
    }

    private static TextLine merge(TextLine left, TextLine right) {
        Quad a = left.outline(), b = right.outline();
        if (b.bounds().x1() < a.bounds().x1()) {
            Quad t = a;
            a = b;
            b = t;
        }
        Quad q = new Quad(a.topLeft(), b.topRight(), b.bottomRight(), a.bottomLeft());
        return new TextLine(q, Math.min(left.score(), right.score()));
    }
}
