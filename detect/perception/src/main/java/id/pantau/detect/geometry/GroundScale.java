package id.pantau.detect.geometry;

import id.pantau.core.perception.Point;

import java.util.List;
import java.util.OptionalDouble;

/**
 * How many pixels a metre on the road spans at a point of the picture, from the camera's calibration (4+ image /
 * ground pairs, a homography fitted by least squares, DLT with h33 = 1 on normalised points). Used to predict how
 * large a motorbike appears at each row, and so which parts of the frame need tiles.
 *
 * <p>Self-contained on purpose (the camera configuration loader has its own homography for the analytics); the
 * scale at a point is the larger singular value of the ground-to-image Jacobian there, i.e. the least foreshortened
 * direction, which is also how upright objects (a rider) scale.
 */
public final class GroundScale {
    private final double[] toImage; // 3x3 row-major, ground metres -> image pixels
    private final double[] toGround; // image -> ground

    private GroundScale(double[] toImage, double[] toGround) {
        this.toImage = toImage;
        this.toGround = toGround;
    }

    /** @throws IllegalArgumentException when the points do not determine a homography */
    public static GroundScale fit(List<Point> image, List<Point> ground) {
        if (image.size() != ground.size() || image.size() < 4) {
            throw new IllegalArgumentException("calibration needs 4 or more image/ground point pairs, got "
                    + Math.min(image.size(), ground.size()));
        }
        return new GroundScale(dlt(ground, image), dlt(image, ground));
    }

    /** Pixels per metre on the road at image point (x, y); empty above the horizon or where undefined. */
    public OptionalDouble pixelsPerMetre(double x, double y) {
        double[] g = apply(toGround, x, y);
        if (g == null) {
            return OptionalDouble.empty();
        }
        double e = 0.05;
        double[] p0 = apply(toImage, g[0], g[1]);
        double[] px = apply(toImage, g[0] + e, g[1]);
        double[] py = apply(toImage, g[0], g[1] + e);
        if (p0 == null || px == null || py == null) {
            return OptionalDouble.empty();
        }
        double a = (px[0] - p0[0]) / e;
        double c = (px[1] - p0[1]) / e;
        double b = (py[0] - p0[0]) / e;
        double d = (py[1] - p0[1]) / e;
        // larger singular value of [[a b][c d]]
        double s1 = a * a + b * b + c * c + d * d;
        double det = a * d - b * c;
        double sigma = Math.sqrt((s1 + Math.sqrt(Math.max(0, s1 * s1 - 4 * det * det))) / 2);
        return Double.isFinite(sigma) && sigma > 0 ? OptionalDouble.of(sigma) : OptionalDouble.empty();
    }

    private static double[] apply(double[] h, double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        if (!(w > 1e-12)) {
            return null; // at or beyond the horizon
        }
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }

    /** Least-squares homography from -> to (h33 = 1), with Hartley normalisation of both sides. */
    private static double[] dlt(List<Point> from, List<Point> to) {
        double[] nf = normaliser(from);
        double[] nt = normaliser(to);
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        for (int i = 0; i < from.size(); i++) {
            double x = (from.get(i).x() - nf[0]) * nf[2];
            double y = (from.get(i).y() - nf[1]) * nf[2];
            double u = (to.get(i).x() - nt[0]) * nt[2];
            double v = (to.get(i).y() - nt[1]) * nt[2];
            double[][] rows = {{x, y, 1, 0, 0, 0, -u * x, -u * y}, {0, 0, 0, x, y, 1, -v * x, -v * y}};
            double[] rhs = {u, v};
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 8; j++) {
                    atb[j] += rows[r][j] * rhs[r];
                    for (int k = 0; k < 8; k++) {
                        ata[j][k] += rows[r][j] * rows[r][k];
                    }
                }
            }
        }
        double[] h = solve(ata, atb);
        double[] hn = {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1};
        // undo the normalisation: H = Tt^-1 * Hn * Tf
        double[] tf = {nf[2], 0, -nf[0] * nf[2], 0, nf[2], -nf[1] * nf[2], 0, 0, 1};
        double[] ttInv = {1 / nt[2], 0, nt[0], 0, 1 / nt[2], nt[1], 0, 0, 1};
        double[] out = mul(ttInv, mul(hn, tf));
        if (Math.abs(out[8]) < 1e-15) {
            throw new IllegalArgumentException("calibration points do not determine a homography");
        }
        // scale so that w > 0 on the calibration points (the ground side of the horizon)
        Point f0 = from.getFirst();
        double w0 = out[6] * f0.x() + out[7] * f0.y() + out[8];
        double k = w0 / out[8] < 0 ? -out[8] : out[8];
        for (int i = 0; i < 9; i++) {
            out[i] /= k;
        }
        return out;
    }

    private static double[] normaliser(List<Point> ps) {
        double mx = ps.stream().mapToDouble(Point::x).average().orElse(0);
        double my = ps.stream().mapToDouble(Point::y).average().orElse(0);
        double mean = ps.stream().mapToDouble(p -> Math.hypot(p.x() - mx, p.y() - my)).average().orElse(0);
        if (mean <= 0) {
            throw new IllegalArgumentException("calibration points all coincide");
        }
        return new double[] {mx, my, Math.sqrt(2) / mean};
    }

    private static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
                }
            }
        }
        return c;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) < 1e-12) {
                throw new IllegalArgumentException("calibration points do not determine a homography"
                        + " (three on a line, or repeated)");
            }
            double[] t = m[col];
            m[col] = m[piv];
            m[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int k = col; k <= n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
