package id.pantau.core.camera.config;

import id.pantau.core.perception.Point;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The image-to-ground-plane mapping of a fixed camera, fitted to four or more point pairs with the normalised
 * direct linear transform (Hartley and Zisserman, Algorithm 4.2): both point sets are moved to their centroid
 * and scaled to a mean distance of sqrt(2), the 2n x 9 system is solved in the least-squares sense as the
 * eigenvector of A^T A with the smallest eigenvalue (Jacobi rotations; 9x9 is tiny), then denormalised.
 * Plain Java on purpose: core has no OpenCV.
 */
public final class Homography {
    private final double[] h;          // row-major 3x3, image -> ground (metres)
    private final double frontSign;    // sign of w for points in front of the camera (below the horizon)

    private Homography(double[] h, double frontSign) {
        this.h = h;
        this.frontSign = frontSign;
    }

    /** Why a set of calibration points does not define a mapping. */
    public static final class DegenerateException extends Exception {
        public DegenerateException(String message) {
            super(message);
        }
    }

    public static Homography fit(List<Point> image, List<Point> ground) throws DegenerateException {
        if (image.size() != ground.size()) {
            throw new IllegalArgumentException("image and ground point counts differ");
        }
        int n = image.size();
        if (n < 4) {
            throw new DegenerateException("needs at least 4 points, got " + n);
        }
        double[] ti = normaliser(image);
        double[] tg = normaliser(ground);
        double[][] ata = new double[9][9];
        for (int i = 0; i < n; i++) {
            Point p = apply(ti, image.get(i));
            Point q = apply(tg, ground.get(i));
            double[] r1 = {-p.x(), -p.y(), -1, 0, 0, 0, q.x() * p.x(), q.x() * p.y(), q.x()};
            double[] r2 = {0, 0, 0, -p.x(), -p.y(), -1, q.y() * p.x(), q.y() * p.y(), q.y()};
            accumulate(ata, r1);
            accumulate(ata, r2);
        }
        double[][] vectors = new double[9][9];
        double[] values = jacobiEigen(ata, vectors);
        Integer[] order = new Integer[9];
        for (int i = 0; i < 9; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double largest = values[order[8]];
        // A unique solution leaves exactly one (near-)zero eigenvalue; a second one means the points do not pin
        // the mapping down (three of four collinear, repeated points, all on one line).
        if (values[order[1]] <= 1e-10 * largest) {
            throw new DegenerateException("the points do not determine a mapping (are three of them on one line,"
                    + " or two the same?)");
        }
        double[] hn = new double[9];
        for (int i = 0; i < 9; i++) {
            hn[i] = vectors[i][order[0]];
        }
        double[] hm = multiply(inverseSimilarity(tg), multiply(hn, ti));
        double det = det3(hm);
        double norm = 0;
        for (double v : hm) {
            norm = Math.max(norm, Math.abs(v));
        }
        if (!Double.isFinite(det) || Math.abs(det) < 1e-12 * norm * norm * norm) {
            throw new DegenerateException("the fitted mapping is singular (determinant ~0)");
        }
        double w0 = hm[6] * image.get(0).x() + hm[7] * image.get(0).y() + hm[8];
        double sign = Math.signum(w0);
        for (Point p : image) {
            double w = hm[6] * p.x() + hm[7] * p.y() + hm[8];
            if (Math.signum(w) != sign || Math.abs(w) < 1e-12) {
                throw new DegenerateException("the points straddle the horizon of the fitted plane; check that"
                        + " image and ground points are listed in the same order");
            }
        }
        return new Homography(hm, sign);
    }

    /** The ground position in metres, or empty for a pixel at or above the horizon. */
    public Optional<Point> toGround(Point image) {
        double w = h[6] * image.x() + h[7] * image.y() + h[8];
        if (Math.signum(w) != frontSign || Math.abs(w) < 1e-12) {
            return Optional.empty();
        }
        return Optional.of(new Point((h[0] * image.x() + h[1] * image.y() + h[2]) / w,
                (h[3] * image.x() + h[4] * image.y() + h[5]) / w));
    }

    /** Largest distance (metres) between a ground point and where its image point maps: the fit's error. */
    public double maxResidualM(List<Point> image, List<Point> ground) {
        double max = 0;
        for (int i = 0; i < image.size(); i++) {
            Point g = toGround(image.get(i)).orElse(new Point(Double.POSITIVE_INFINITY, 0));
            max = Math.max(max, g.distanceTo(ground.get(i)));
        }
        return max;
    }

    private static void accumulate(double[][] ata, double[] r) {
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                ata[i][j] += r[i] * r[j];
            }
        }
    }

    /** Similarity [s 0 -s*cx; 0 s -s*cy; 0 0 1] moving the centroid to 0 and the mean distance to sqrt(2). */
    private static double[] normaliser(List<Point> pts) {
        double cx = 0;
        double cy = 0;
        for (Point p : pts) {
            cx += p.x();
            cy += p.y();
        }
        cx /= pts.size();
        cy /= pts.size();
        double mean = 0;
        for (Point p : pts) {
            mean += Math.hypot(p.x() - cx, p.y() - cy);
        }
        mean /= pts.size();
        double s = mean < 1e-12 ? 1 : Math.sqrt(2) / mean;
        return new double[]{s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1};
    }

    private static double[] inverseSimilarity(double[] t) {
        double s = t[0];
        return new double[]{1 / s, 0, -t[2] / s, 0, 1 / s, -t[5] / s, 0, 0, 1};
    }

    private static Point apply(double[] t, Point p) {
        return new Point(t[0] * p.x() + t[1] * p.y() + t[2], t[3] * p.x() + t[4] * p.y() + t[5]);
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                    s += a[r * 3 + i] * b[i * 3 + k];
                }
                c[r * 3 + k] = s;
            }
        }
        return c;
    }

    private static double det3(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations; eigenvectors in the columns. */
    private static double[] jacobiEigen(double[][] input, double[][] v) {
        int n = input.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
