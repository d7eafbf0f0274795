package id.pantau.detect.plate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.eval.PlateEvaluation;
import id.pantau.detect.plate.eval.PlateLabels;
import id.pantau.detect.plate.eval.PlateLabels.Label;
import id.pantau.detect.plate.grammar.GrammarReading;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits {@link ConfidenceCalibration} on the dev part only (crops and street photos), and prints the coefficients to
 * paste into {@link ConfidenceCalibration#fitted()} and the threshold that keeps READ plates >= 99 % right on dev.
 * Not part of the normal suite (about 4 minutes): run with {@code -Dplates.fit=true}.
 */
class CalibrationFitTest {
    record Sample(double[] x, boolean right, String name, String truth, String read) {
    }

    @Test
    void fitOnDev() {
        Assumptions.assumeTrue(Boolean.getBoolean("plates.fit"), "run with -Dplates.fit=true");
        PlateReader reader = SharedReader.get();
        List<Sample> samples = new ArrayList<>();
        Path crops = id.pantau.core.asset.Assets.defaults().data("plates/indonesia").resolve("images");
        for (Label l : PlateData.indonesianCropLabels()) {
            if (l.part() != PlateLabels.Part.DEV) {
                continue;
            }
            try (Mat m = MatImages.read(crops.resolve(l.image()))) {
                add(samples, l, reader.decode(m));
            }
        }
        int cropSamples = samples.size();
        Path scenes = PlateData.indonesianScenesDir().resolve("images");
        for (Label l : PlateData.indonesianScenes()) {
            if (l.part() != PlateLabels.Part.DEV) {
                continue;
            }
            try (Mat m = MatImages.read(scenes.resolve(l.image()))) {
                PlateReader.Decoded best = null;
                double bestIou = PlateEvaluation.MIN_IOU;
                for (PlateReader.Decoded d : reader.decodeScene(m)) {
                    double iou = d.box().iou(l.box());
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = d;
                    }
                }
                if (best != null) {
                    add(samples, l, best);
                }
            }
        }
        System.out.printf("CALIB samples: %d crops + %d scene plates (dev), %d right%n", cropSamples,
                samples.size() - cropSamples, samples.stream().filter(Sample::right).count());
        double[] w = fit(samples, 1e-2);
        System.out.printf(Locale.ROOT, "CALIB fitted: new ConfidenceCalibration(%.4f, %.4f, %.4f, %.4f, %.4f, %.4f)%n",
                w[0], w[1], w[2], w[3], w[4], w[5]);
        List<double[]> scored = new ArrayList<>();
        for (Sample s : samples) {
            double z = w[0];
            for (int i = 0; i < 5; i++) {
                z += w[i + 1] * s.x()[i];
            }
            scored.add(new double[]{1 / (1 + Math.exp(-z)), s.right() ? 1 : 0});
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        // the lowest threshold where READ (confidence >= t) is >= 99 % right on dev
        int right = 0;
        double threshold = 1;
        for (int i = 0; i < scored.size(); i++) {
            right += (int) scored.get(i)[1];
            if ((double) right / (i + 1) >= 0.99) {
                threshold = scored.get(i)[0];
            }
        }
        final double chosen = threshold;
        System.out.printf(Locale.ROOT, "CALIB threshold for >= 99%% READ right on dev: %.4f (%d of %d at or above)%n",
                threshold, scored.stream().filter(s -> s[0] >= chosen).count(), scored.size());
        for (Sample s : samples) {
            double z = w[0];
            for (int i = 0; i < 5; i++) {
                z += w[i + 1] * s.x()[i];
            }
            if (!s.right()) {
                System.out.printf(Locale.ROOT, "CALIB wrong %s: %s read %s, calibrated %.3f, features %s%n", s.name(),
                        s.truth(), s.read(), 1 / (1 + Math.exp(-z)), java.util.Arrays.toString(s.x()));
            }
        }
        double[] edges = {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0001};
        for (int b = 0; b + 1 < edges.length; b++) {
            int n = 0, r = 0;
            for (double[] s : scored) {
                if (s[0] >= edges[b] && s[0] < edges[b + 1]) {
                    n++;
                    r += (int) s[1];
                }
            }
            System.out.printf(Locale.ROOT, "CALIB dev bin [%.2f, %.2f): n=%d right=%d%n", edges[b], edges[b + 1], n, r);
        }
    }

    private static void add(List<Sample> samples, Label l, PlateReader.Decoded d) {
        if (d.top().isEmpty()) {
            return;
        }
        GrammarReading g = d.top().getFirst();
        samples.add(new Sample(ConfidenceCalibration.features(g, d.outside()[0]), g.plate().text().equals(l.text()),
                l.image(), l.text(), g.plate().text()));
    }

    /** Logistic regression by Newton's method with a small ridge; returns bias then the 4 weights. */
    static double[] fit(List<Sample> samples, double ridge) {
        int d = 6;
        double[] w = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (Sample s : samples) {
                double[] x = {1, s.x()[0], s.x()[1], s.x()[2], s.x()[3], s.x()[4]};
                double z = 0;
                for (int i = 0; i < d; i++) {
                    z += w[i] * x[i];
                }
                double p = 1 / (1 + Math.exp(-z));
                double y = s.right() ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    g[i] += (p - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        h[i][j] += p * (1 - p) * x[i] * x[j];
                    }
                }
            }
            for (int i = 1; i < d; i++) {
                g[i] += ridge * w[i];
                h[i][i] += ridge;
            }
            h[0][0] += 1e-9;
            double[] step = solve(h, g);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= step[i];
                norm += step[i] * step[i];
            }
            if (norm < 1e-12) {
                break;
            }
        }
        return w;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != c && m[c][c] != 0) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][i] == 0 ? 0 : m[i][n] / m[i][i];
        }
        return x;
    }

    static BoundingBox unused() {
        return null;
    }
}
