package id.pantau.detect.geometry;

import id.pantau.core.perception.Point;
import id.pantau.detect.preprocess.PixelRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Tiles from a camera's own geometry. The calibration ({@link GroundScale}) says how wide a motorbike (seen head-on,
 * {@link #MOTORBIKE_WIDTH_M}) is in pixels at each row; the model needs it at least {@code minObjectPx} wide at its
 * input to find it. Rows of the area to cover (the camera's zones and lanes) where one whole-frame pass shows
 * motorbikes large enough need nothing more; the others get square tiles, far rows small ones (seen magnified),
 * nearer rows larger ones, each band of tiles spanning only the covered area's width at those rows, with
 * {@code overlap} between neighbours and between bands so a motorbike on a seam is whole in one of them. No tile is
 * magnified more than {@code maxMagnification} (rows that would need more get tiles at the cap, and the plan says
 * so); rows beyond the calibration's horizon are left out. Over {@code maxTiles}, smaller motorbikes are accepted
 * (larger tiles, down to 60 % of the wanted size), then the farthest bands are dropped; both are reported.
 */
public final class TilePlanner {
    /** Width of a motorbike with its rider seen from the front or back, metres. */
    public static final double MOTORBIKE_WIDTH_M = 0.8;

    /** The plan: tiles (far first) and what was left out. */
    public record Plan(List<PixelRegion> tiles, int firstCoveredRow, int lastUncoveredRow, int wanted,
                       String explanation) {
        public Plan {
            tiles = List.copyOf(tiles);
        }
    }

    private final int modelInput;
    private final double minObjectPx;
    private final double overlap;
    private final double maxMagnification;
    private final int maxTiles;

    public TilePlanner(int modelInput, double minObjectPx, double overlap, double maxMagnification, int maxTiles) {
        if (modelInput <= 0 || minObjectPx <= 0 || overlap < 0 || overlap >= 0.5 || maxMagnification < 1
                || maxTiles < 0) {
            throw new IllegalArgumentException("tile planner: input " + modelInput + ", min object " + minObjectPx
                    + " px, overlap " + overlap + ", max magnification " + maxMagnification + ", max tiles "
                    + maxTiles + " out of range");
        }
        this.modelInput = modelInput;
        this.minObjectPx = minObjectPx;
        this.overlap = overlap;
        this.maxMagnification = maxMagnification;
        this.maxTiles = maxTiles;
    }

    /**
     * @param cover polygons (frame pixels) to cover, e.g. the camera's zones and lanes
     */
    public Plan plan(int width, int height, GroundScale scale, List<List<Point>> cover) {
        // over the budget: first accept smaller motorbikes at the input (larger tiles, down to 60 % of the wanted
        // size), so the far rows stay covered; only then drop the farthest bands
        Plan p = planAt(minObjectPx, width, height, scale, cover);
        for (double m = minObjectPx * 0.9; p.tiles().size() < count(p) && m >= minObjectPx * 0.6; m *= 0.9) {
            p = planAt(m, width, height, scale, cover);
        }
        return p;
    }

    private static int count(Plan p) {
        return p.wanted();
    }

    private Plan planAt(double minObjectPx, int width, int height, GroundScale scale, List<List<Point>> cover) {
        double wholeScale = (double) modelInput / Math.max(width, height);
        int top = height;
        int bottom = -1;
        for (List<Point> p : cover) {
            for (Point q : p) {
                top = Math.min(top, (int) Math.floor(q.y()));
                bottom = Math.max(bottom, (int) Math.ceil(q.y()));
            }
        }
        top = Math.max(0, top);
        bottom = Math.min(height - 1, bottom);
        List<List<PixelRegion>> bands = new ArrayList<>();
        int y0 = top;
        int uncoveredTo = -1;
        boolean capped = false;
        StringBuilder why = new StringBuilder();
        while (y0 <= bottom) {
            double bikePx = bikeWidth(scale, cover, y0, width);
            if (bikePx <= 0) {
                uncoveredTo = y0;
                y0++;
                continue;
            }
            if (bikePx * wholeScale >= minObjectPx) {
                break; // the whole-frame pass sees these rows well enough, and every row below
            }
            // never magnify more than maxMagnification: beyond ~2.5x a CCTV frame's far motorbikes are blurred
            // blobs without context, and the model finds fewer of them than in larger tiles (measured, README)
            double side = Math.max(modelInput * bikePx / minObjectPx, modelInput / maxMagnification);
            if (bikePx * modelInput / side < minObjectPx) {
                capped = true;
            }
            int s = (int) Math.min(Math.floor(side), Math.min(width, height));
            s = Math.max(s, 32);
            int yTop = Math.min(y0, height - s);
            double[] xr = xRange(cover, yTop, yTop + s, width);
            List<PixelRegion> band = new ArrayList<>();
            double span = xr[1] - xr[0];
            int n = span <= s ? 1 : (int) Math.ceil((span - s * overlap) / (s * (1 - overlap)));
            for (int i = 0; i < n; i++) {
                double cx = n == 1 ? (xr[0] + xr[1]) / 2 - s / 2.0 : xr[0] + (span - s) * i / (n - 1);
                int x = (int) Math.round(Math.clamp(cx, 0, width - s));
                band.add(new PixelRegion(x, yTop, s, s));
            }
            bands.add(band);
            if (yTop + s >= height) {
                y0 = height;
                break; // the band reaches the bottom of the frame
            }
            y0 = Math.max(y0 + 1, yTop + (int) Math.max(1, Math.round(s * (1 - overlap))));
        }
        List<PixelRegion> tiles = new ArrayList<>();
        int firstCovered = bands.isEmpty() ? y0 : bands.getFirst().getFirst().y();
        int total = bands.stream().mapToInt(List::size).sum();
        int dropped = 0;
        // over budget: drop the farthest bands first
        while (total > maxTiles && !bands.isEmpty()) {
            List<PixelRegion> far = bands.removeFirst();
            total -= far.size();
            dropped += far.size();
            uncoveredTo = Math.max(uncoveredTo, far.getFirst().y() + far.getFirst().height() - 1);
            firstCovered = bands.isEmpty() ? y0 : bands.getFirst().getFirst().y();
        }
        int wanted = total + dropped;
        bands.forEach(tiles::addAll);
        why.append("%d tile(s) for rows %d..%d (motorbike >= %.0f px at the %d-px input; whole frame at %.2fx)"
                .formatted(tiles.size(), firstCovered, y0, minObjectPx, modelInput, wholeScale));
        if (capped) {
            why.append("; far rows at the %.1fx magnification cap (motorbikes there stay below %.0f px)"
                    .formatted(maxMagnification, minObjectPx));
        }
        if (uncoveredTo >= 0) {
            why.append("; rows %d..%d not covered (%s)".formatted(top, uncoveredTo,
                    dropped > 0 ? dropped + " tile(s) over the budget of " + maxTiles
                            : "beyond the horizon of the calibration"));
        }
        return new Plan(tiles, firstCovered, uncoveredTo, wanted, why.toString());
    }

    /** Expected motorbike width in pixels at row y, measured at the middle of the covered area on that row. */
    static double bikeWidth(GroundScale scale, List<List<Point>> cover, int y, int width) {
        double[] xr = xRange(cover, y, y + 1, width);
        OptionalDouble ppm = scale.pixelsPerMetre((xr[0] + xr[1]) / 2, y);
        return ppm.isPresent() ? ppm.getAsDouble() * MOTORBIKE_WIDTH_M : 0;
    }

    /** Leftmost and rightmost x of the cover polygons between rows y1 and y2 (scanning every 4 rows). */
    static double[] xRange(List<List<Point>> cover, int y1, int y2, int width) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int y = y1; y <= y2; y += Math.max(1, Math.min(4, y2 - y1))) {
            for (List<Point> poly : cover) {
                for (int i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
                    Point a = poly.get(i);
                    Point b = poly.get(j);
                    if ((a.y() <= y && b.y() >= y) || (b.y() <= y && a.y() >= y)) {
                        double x = a.y() == b.y() ? a.x() : a.x() + (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y());
                        lo = Math.min(lo, Math.min(x, a.y() == b.y() ? b.x() : x));
                        hi = Math.max(hi, Math.max(x, a.y() == b.y() ? b.x() : x));
                    }
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, width};
        }
        return new double[] {Math.max(0, lo), Math.min(width, hi)};
    }
}
