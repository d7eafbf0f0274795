package id.pantau.detect.plate.scratch;

import id.pantau.core.asset.Assets;
import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.eval.PlateLabels;
import id.pantau.detect.plate.eval.PlateLabels.Label;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.ocr.TextLine;
import id.pantau.detect.plate.ocr.TextLineDetector;
import id.pantau.detect.runtime.OnnxModel;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.*;

class TextExploreTest {
    @Test
    void explore() {
        Path dir = Assets.defaults().data("plates/indonesia").resolveSibling("indonesia_scenes");
        List<Label> labels = PlateLabels.read(dir.resolve("labels.csv"));
        OnnxModel det = OnnxModel.load("det", Assets.defaults().model("ppocrv4_det").path(), 2);
        TextLineDetector tl = new TextLineDetector(det);
        double scale = Double.parseDouble(System.getProperty("explore.scale", "2"));
        int hit = 0, n = 0, moto = 0, motoHit = 0;
        long t0 = System.nanoTime();
        for (Label l : labels) {
            n++;
            List<TextLine> lines;
            try (Mat img = MatImages.read(dir.resolve("images").resolve(l.image()));
                 Mat big = MatImages.resize(img, (int) (img.cols() * scale), (int) (img.rows() * scale))) {
                lines = tl.detect(big);
            }
            BoundingBox lb = l.box();
            TextLine best = null;
            for (TextLine t : lines) {
                BoundingBox b = t.outline().bounds();
                BoundingBox s = new BoundingBox(b.x1() / scale, b.y1() / scale, b.x2() / scale, b.y2() / scale);
                boolean inside = s.centerX() > lb.x1() && s.centerX() < lb.x2() && s.centerY() > lb.y1() && s.centerY() < lb.y2();
                if (inside && s.width() >= 0.5 * lb.width() && (best == null || s.width() > best.outline().bounds().width() / scale)) {
                    best = new TextLine(id.pantau.detect.plate.image.Quad.of(s), t.score());
                }
            }
            boolean isMoto = l.vehicle().equals("motorbike");
            moto += isMoto ? 1 : 0;
            if (best != null) {
                hit++;
                motoHit += isMoto ? 1 : 0;
                BoundingBox s = best.outline().bounds();
                System.out.printf(Locale.ROOT, "TXT %s %s %s %s lines=%d iou=%.2f wr=%.2f hr=%.2f dx1=%.2f dy1=%.2f dx2=%.2f dy2=%.2f%n",
                        l.image(), l.part(), l.colour(), l.vehicle(), lines.size(), s.iou(lb), lb.width() / s.width(), lb.height() / s.height(),
                        (s.x1() - lb.x1()) / s.height(), (s.y1() - lb.y1()) / s.height(), (lb.x2() - s.x2()) / s.height(), (lb.y2() - s.y2()) / s.height());
            } else {
                System.out.printf("TXT %s %s %s %s lines=%d MISS%n", l.image(), l.part(), l.colour(), l.vehicle(), lines.size());
            }
        }
        System.out.printf("TXTSUM scale %.1f: main line found %d/%d, moto %d/%d, %d ms/photo%n", scale, hit, n, motoHit, moto, (System.nanoTime() - t0) / 1000000 / n);
    }
}
