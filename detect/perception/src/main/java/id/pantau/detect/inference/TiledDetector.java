package id.pantau.detect.inference;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.detect.preprocess.PixelRegion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection for views with small road users: the frame is cut into tiles, each run through the model at full
 * input size (so a 960-px frame is seen at ~1.8x the scale of a single 416-px pass), plus the whole frame for
 * vehicles larger than a tile. Tiles are either a uniform {@code cols x rows} grid with overlap, or given
 * explicitly (from the camera's geometry: {@code id.pantau.detect.geometry.TilePlanner}, small magnified tiles
 * far up the street, none where the whole frame suffices).
 *
 * <p>Merging across tiles: a box touching a tile's inner edge (not the frame's) is probably a vehicle cut by the
 * tile; whole boxes are preferred to cut ones, then higher scores. A box is dropped when a kept box of its class
 * overlaps it by IoU > 0.45 or covers more than 80 % of it (the cut-off part), or when a kept box of another class
 * overlaps it by IoU > 0.8 (one vehicle called car in one tile and truck in another).
 *
 * <p>Costs one inference per tile (+1 for the whole frame): use it only for cameras that need it.
 */
public final class TiledDetector implements Detector {
    /** A box edge this close to a tile's inner edge is taken as cut by the tile. */
    static final double CUT_MARGIN_PX = 2;
    private static final double SAME_CLASS_IOU = 0.45;
    private static final double CONTAINMENT = 0.8;
    private static final double CROSS_CLASS_IOU = 0.8;

    private final OnnxDetector base;
    private final int cols;
    private final int rows;
    private final double overlap;
    private final boolean includeWhole;
    private final List<PixelRegion> fixedTiles;

    /**
     * @param overlap fraction of a tile shared with its neighbour (0.2 = 20 %), so a vehicle on a seam is whole in
     *                at least one tile
     */
    public TiledDetector(OnnxDetector base, int cols, int rows, double overlap, boolean includeWhole) {
        if (cols < 1 || rows < 1 || overlap < 0 || overlap >= 0.5) {
            throw new IllegalArgumentException("tiling " + cols + "x" + rows + " overlap " + overlap
                    + ": need at least 1x1 tiles and an overlap in [0, 0.5)");
        }
        this.base = base;
        this.cols = cols;
        this.rows = rows;
        this.overlap = overlap;
        this.includeWhole = includeWhole;
        this.fixedTiles = null;
    }

    /**
     * Explicit tiles (frame pixels), e.g. planned from the camera's geometry.
     *
     * @throws IllegalArgumentException when a tile does not fit in a {@code frameWidth x frameHeight} frame
     */
    public TiledDetector(OnnxDetector base, List<PixelRegion> tiles, boolean includeWhole, int frameWidth,
                         int frameHeight) {
        for (int i = 0; i < tiles.size(); i++) {
            PixelRegion t = tiles.get(i);
            if (!t.fitsIn(frameWidth, frameHeight)) {
                throw new IllegalArgumentException("tiles[" + i + "] [" + t.x() + ", " + t.y() + ", "
                        + (t.x() + t.width()) + ", " + (t.y() + t.height()) + "] is outside the " + frameWidth + "x"
                        + frameHeight + " frame");
            }
        }
        if (tiles.isEmpty() && !includeWhole) {
            throw new IllegalArgumentException("no tiles and no whole-frame pass: nothing would be detected");
        }
        this.base = base;
        this.cols = 0;
        this.rows = 0;
        this.overlap = 0;
        this.includeWhole = includeWhole;
        this.fixedTiles = List.copyOf(tiles);
    }

    /** The tiles of a frame, left to right, top to bottom (explicit tiles: as given). */
    public List<PixelRegion> tiles(int width, int height) {
        if (fixedTiles != null) {
            for (PixelRegion t : fixedTiles) {
                if (!t.fitsIn(width, height)) {
                    throw new IllegalArgumentException("tile " + t + " is outside the " + width + "x" + height
                            + " frame: the tiles were planned for another frame size");
                }
            }
            return fixedTiles;
        }
        List<PixelRegion> out = new ArrayList<>();
        int tw = (int) Math.ceil(width / (cols - (cols - 1) * overlap));
        int th = (int) Math.ceil(height / (rows - (rows - 1) * overlap));
        tw = Math.min(tw, width);
        th = Math.min(th, height);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x = cols == 1 ? 0 : (int) Math.round((double) (width - tw) * c / (cols - 1));
                int y = rows == 1 ? 0 : (int) Math.round((double) (height - th) * r / (rows - 1));
                out.add(new PixelRegion(x, y, tw, th));
            }
        }
        return out;
    }

    /** Inferences per frame. */
    public int passes(int width, int height) {
        return tiles(width, height).size() + (includeWhole ? 1 : 0);
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        List<Piece> all = new ArrayList<>();
        if (includeWhole) {
            base.detect(frame).forEach(d -> all.add(new Piece(d, false)));
        }
        for (PixelRegion tile : tiles(frame.width(), frame.height())) {
            for (Detection d : base.detect(frame, tile)) {
                all.add(new Piece(d, cutByTile(d.box(), tile, frame.width(), frame.height())));
            }
        }
        return merge(all);
    }

    record Piece(Detection d, boolean cut) {
    }

    static boolean cutByTile(BoundingBox b, PixelRegion t, int width, int height) {
        boolean left = t.x() > 0 && b.x1() <= t.x() + CUT_MARGIN_PX;
        boolean top = t.y() > 0 && b.y1() <= t.y() + CUT_MARGIN_PX;
        boolean right = t.x() + t.width() < width && b.x2() >= t.x() + t.width() - CUT_MARGIN_PX;
        boolean bottom = t.y() + t.height() < height && b.y2() >= t.y() + t.height() - CUT_MARGIN_PX;
        return left || top || right || bottom;
    }

    static List<Detection> merge(List<Piece> all) {
        List<Piece> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Piece::cut).thenComparing(p -> -p.d().score()));
        List<Detection> kept = new ArrayList<>();
        for (Piece p : sorted) {
            if (kept.stream().noneMatch(k -> suppresses(k, p.d()))) {
                kept.add(p.d());
            }
        }
        kept.sort(Comparator.comparingDouble(d -> -d.score()));
        return kept;
    }

    private static boolean suppresses(Detection k, Detection c) {
        double iou = k.box().iou(c.box());
        if (k.roadUser() == c.roadUser()) {
            return iou > SAME_CLASS_IOU || overlapOfSmaller(k.box(), c.box()) > CONTAINMENT;
        }
        return iou > CROSS_CLASS_IOU;
    }

    private static double overlapOfSmaller(BoundingBox a, BoundingBox b) {
        double ix = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
        double iy = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
        double smaller = Math.min(a.area(), b.area());
        return smaller <= 0 ? 0 : ix * iy / smaller;
    }

    @Override
    public String modelName() {
        return base.modelName() + (fixedTiles != null ? "-tiles" + fixedTiles.size() : "-tiled" + cols + "x" + rows);
    }

    /** The base detector belongs to the caller. */
    @Override
    public void close() {
    }
}
