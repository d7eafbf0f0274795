package id.pantau.detect.plate.scratch;

import id.pantau.core.asset.Assets;
import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.eval.PlateLabels;
import id.pantau.detect.plate.eval.PlateLabels.Label;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.locate.PlateCandidate;
import id.pantau.detect.plate.locate.PlateLocator;
import id.pantau.detect.runtime.OnnxModel;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;

class LocateExploreTest {
    @Test
    void explore() {
        Path dir = Assets.defaults().data("plates/indonesia").resolveSibling("indonesia_scenes");
        List<Label> labels = PlateLabels.read(dir.resolve("labels.csv"));
        OnnxModel m640 = OnnxModel.load("d640", Assets.defaults().model("plate_det_y5fu_640").path(), 2);
        PlateLocator loc = new PlateLocator(m640, 640, 0.05);
        Map<String, Function<Mat, List<PlateCandidate>>> variants = new LinkedHashMap<>();
        variants.put("plain", loc::detect);
        variants.put("inverted", img -> { try (Mat inv = new Mat()) { opencv_core.bitwise_not(img, inv); return loc.detect(inv); } });
        variants.put("half", img -> padded(loc, img, 2.0, false));
        variants.put("halfinv", img -> padded(loc, img, 2.0, true));
        variants.put("third", img -> padded(loc, img, 3.0, false));
        OnnxModel m320 = OnnxModel.load("d320", Assets.defaults().model("plate_det_y5fu_320").path(), 2);
        PlateLocator loc320 = new PlateLocator(m320, 320, 0.05);
        variants.put("d320", loc320::detect);
        String only = System.getProperty("explore.variants", "");
        double[] th = {0.05, 0.1, 0.2, 0.3};
        Map<String, int[]> hits = new LinkedHashMap<>();
        Map<String, int[]> moto = new LinkedHashMap<>();
        int[] union = new int[th.length];
        int motos = 0;
        for (Label l : labels) {
            boolean isMoto = l.vehicle().equals("motorbike");
            motos += isMoto ? 1 : 0;
            boolean[] any = new boolean[th.length];
            StringBuilder line = new StringBuilder(l.image() + " " + l.colour() + " " + l.vehicle());
            try (Mat img = MatImages.read(dir.resolve("images").resolve(l.image()))) {
                for (var e : variants.entrySet()) {
                    if (!only.isEmpty() && !only.contains(e.getKey())) continue;
                    List<PlateCandidate> c = e.getValue().apply(img);
                    double best = 0; double bestIou = 0;
                    for (PlateCandidate p : c) {
                        double iou = p.corners().bounds().iou(l.box());
                        bestIou = Math.max(bestIou, iou);
                        if (iou >= 0.5) best = Math.max(best, p.score());
                    }
                    line.append(String.format(" %s=%.2f/%.2f", e.getKey(), best, bestIou));
                    for (int i = 0; i < th.length; i++) {
                        if (best >= th[i]) {
                            hits.computeIfAbsent(e.getKey(), k -> new int[th.length])[i]++;
                            if (isMoto) moto.computeIfAbsent(e.getKey(), k -> new int[th.length])[i]++;
                            any[i] = true;
                        }
                    }
                }
            }
            for (int i = 0; i < th.length; i++) union[i] += any[i] ? 1 : 0;
            System.out.println("EXPL " + line);
        }
        for (var e : hits.entrySet()) System.out.println("RECALL " + e.getKey() + " " + Arrays.toString(e.getValue()) + " moto " + Arrays.toString(moto.get(e.getKey())) + " of " + labels.size() + "/" + motos);
        System.out.println("RECALL union " + Arrays.toString(union));
    }

    static List<PlateCandidate> padded(PlateLocator loc, Mat img, double f, boolean invert) {
        int w = (int) (img.cols() * f), h = (int) (img.rows() * f);
        int left = (w - img.cols()) / 2, top = (h - img.rows()) / 2;
        try (Mat canvas = new Mat()) {
            opencv_core.copyMakeBorder(img, canvas, top, h - img.rows() - top, left, w - img.cols() - left, opencv_core.BORDER_CONSTANT, new org.bytedeco.opencv.opencv_core.Scalar(114, 114, 114, 0));
            if (invert) opencv_core.bitwise_not(canvas, canvas);
            return loc.detect(canvas).stream().map(c -> new PlateCandidate(
                    new BoundingBox(c.box().x1() - left, c.box().y1() - top, c.box().x2() - left, c.box().y2() - top),
                    c.corners().translate(-left, -top), c.score(), c.doubleRow())).toList();
        }
    }

    static List<PlateCandidate> stretch(PlateLocator loc, Mat img, double f) {
        try (Mat s = MatImages.resize(img, (int) Math.round(img.cols() * f), img.rows())) {
            return loc.detect(s).stream().map(c -> new PlateCandidate(
                    new BoundingBox(c.box().x1() / f, c.box().y1(), c.box().x2() / f, c.box().y2()),
                    new id.pantau.detect.plate.image.Quad(p(c.corners().topLeft(), f), p(c.corners().topRight(), f), p(c.corners().bottomRight(), f), p(c.corners().bottomLeft(), f)),
                    c.score(), c.doubleRow())).toList();
        }
    }
    static id.pantau.core.perception.Point p(id.pantau.core.perception.Point q, double f) { return new id.pantau.core.perception.Point(q.x() / f, q.y()); }
}
