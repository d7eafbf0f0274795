package id.pantau.detect.plate.ocr;

import id.pantau.core.perception.Point;
import id.pantau.detect.plate.image.Quad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the registration number's line on a plate: the line with the tallest characters. Indonesian plates carry
 * the expiry month/year ("09.27") in smaller type under the number; it must not be read as part of the plate.
 * Where the detector split the number into pieces (wide gaps between the groups), pieces of similar height on the
 * same row are joined into one line.
 */
public final class MainLineSelector {
    private final double sameHeight;

    public MainLineSelector() {
        this(0.7);
    }

    /** @param sameHeight a piece joins the main line when its height is at least this share of the tallest */
    public MainLineSelector(double sameHeight) {
        this.sameHeight = sameHeight;
    }

    public Optional<Quad> select(List<TextLine> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        TextLine tallest = lines.stream().max(Comparator.comparingDouble(TextLine::height)).orElseThrow();
        List<TextLine> row = new ArrayList<>();
        for (TextLine l : lines) {
            boolean similar = l.height() >= sameHeight * tallest.height();
            boolean sameRow = Math.abs(l.centerY() - tallest.centerY()) < 0.5 * tallest.height();
            if (similar && sameRow) {
                row.add(l);
            }
        }
        if (row.size() == 1) {
            return Optional.of(tallest.outline());
        }
        // join: leftmost piece's left edge to rightmost piece's right edge, keeping the tilt of the ends
        TextLine left = row.stream().min(Comparator.comparingDouble(l -> l.outline().topLeft().x())).orElseThrow();
        TextLine right = row.stream().max(Comparator.comparingDouble(l -> l.outline().topRight().x())).orElseThrow();
        double top = Math.min(left.outline().topLeft().y(), right.outline().topRight().y());
        double bottom = Math.max(left.outline().bottomLeft().y(), right.outline().bottomRight().y());
        return Optional.of(new Quad(new Point(left.outline().topLeft().x(), Math.min(top, left.outline().topLeft().y())),
                new Point(right.outline().topRight().x(), right.outline().topRight().y()),
                new Point(right.outline().bottomRight().x(), right.outline().bottomRight().y()),
                new Point(left.outline().bottomLeft().x(), Math.max(bottom, left.outline().bottomLeft().y()))));
    }
}
