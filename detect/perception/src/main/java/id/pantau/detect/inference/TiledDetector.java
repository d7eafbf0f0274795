package id.pantau.detect.inference;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.detect.postprocess.Candidate;
import id.pantau.detect.postprocess.Nms;
import id.pantau.detect.preprocess.PixelRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * Detection for wide views with small vehicles (an overpass over a highway): the frame is cut into
 * {@code cols x rows} overlapping tiles, each run through the model at full input size (so a 960-px frame is seen
 * at ~1.8x the scale of a single 416-px pass), plus the whole frame for vehicles larger than a tile. The results
 * are merged with NMS, including a containment rule that removes the cut-off part of a vehicle at a tile edge
 * when the whole vehicle was found elsewhere.
 *
 * <p>Costs {@code cols x rows (+1)} inferences per frame: use it only for cameras that need it.
 */
public final class TiledDetector implements Detector {
    private final OnnxDetector base;
    private final int cols;
    private final int rows;
    private final double overlap;
    private final boolean includeWhole;
    private final Nms merge = new Nms(0.45f, 0.8f, 0.8f);

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
    }

    /** The tiles of a frame, left to right, top to bottom. */
    public List<PixelRegion> tiles(int width, int height) {
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

    @Override
    public List<Detection> detect(VideoFrame frame) {
        List<Detection> all = new ArrayList<>();
        if (includeWhole) {
            all.addAll(base.detect(frame));
        }
        for (PixelRegion tile : tiles(frame.width(), frame.height())) {
            all.addAll(base.detect(frame, tile));
        }
        return mergeDetections(all);
    }

    private List<Detection> mergeDetections(List<Detection> all) {
        List<Candidate> cs = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Detection d = all.get(i);
            BoundingBox b = d.box();
            // classId carries the index into 'all' so the original detection comes back after NMS
            cs.add(new Candidate(i, d.roadUser(), d.score(), (float) b.x1(), (float) b.y1(), (float) b.x2(),
                    (float) b.y2()));
        }
        List<Detection> out = new ArrayList<>();
        for (Candidate c : merge.apply(cs)) {
            out.add(all.get(c.classId()));
        }
        return out;
    }

    @Override
    public String modelName() {
        return base.modelName() + "-tiled" + cols + "x" + rows;
    }

    /** The base detector belongs to the caller. */
    @Override
    public void close() {
    }
}
