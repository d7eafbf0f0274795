package id.pantau.detect.track;

/**
 * The constant-velocity Kalman filter of SORT / ByteTrack on the box state {@code (cx, cy, a, h, vcx, vcy, va, vh)}
 * (centre, aspect ratio w/h, height and their velocities per analysed frame), observing {@code (cx, cy, a, h)}.
 * Noise scales with the box height, as in ByteTrack, so near and far vehicles are treated alike.
 *
 * <p>Stateless: a track owns its {@link State}; the filter only holds the constant matrices. The matrix maths is
 * written out for these fixed sizes (8x8, 4x4) instead of pulling in a linear-algebra library.
 */
public final class KalmanBoxFilter {
    static final int N = 8;
    static final int M = 4;
    private static final double STD_POSITION = 1.0 / 20;
    private static final double STD_VELOCITY = 1.0 / 160;

    /** Mean (8) and covariance (8x8, row-major) of one track. */
    public static final class State {
        final double[] mean = new double[N];
        final double[] cov = new double[N * N];

        public double[] mean() {
            return mean.clone();
        }

        public double covariance(int row, int col) {
            return cov[row * N + col];
        }
    }

    /** A new state at a first measurement {@code (cx, cy, a, h)}, velocities zero and very uncertain. */
    public State initiate(double cx, double cy, double a, double h) {
        State s = new State();
        s.mean[0] = cx;
        s.mean[1] = cy;
        s.mean[2] = a;
        s.mean[3] = h;
        double[] std = {2 * STD_POSITION * h, 2 * STD_POSITION * h, 1e-2, 2 * STD_POSITION * h,
                10 * STD_VELOCITY * h, 10 * STD_VELOCITY * h, 1e-5, 10 * STD_VELOCITY * h};
        for (int i = 0; i < N; i++) {
            s.cov[i * N + i] = std[i] * std[i];
        }
        return s;
    }

    /** Advances the state by one analysed frame: x' = F x, P' = F P F^T + Q. */
    public void predict(State s) {
        double h = s.mean[3];
        double[] q = {STD_POSITION * h, STD_POSITION * h, 1e-2, STD_POSITION * h,
                STD_VELOCITY * h, STD_VELOCITY * h, 1e-5, STD_VELOCITY * h};
        for (int i = 0; i < M; i++) {
            s.mean[i] += s.mean[i + M];
        }
        // F = [I I; 0 I]: (F P F^T) is computed in place blockwise without building F
        double[] p = s.cov;
        double[] fp = new double[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double v = p[r * N + c];
                if (r < M) {
                    v += p[(r + M) * N + c];
                }
                fp[r * N + c] = v;
            }
        }
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double v = fp[r * N + c];
                if (c < M) {
                    v += fp[r * N + c + M];
                }
                p[r * N + c] = v;
            }
        }
        for (int i = 0; i < N; i++) {
            p[i * N + i] += q[i] * q[i];
        }
    }

    /** Corrects the state with a measurement {@code (cx, cy, a, h)}. */
    public void update(State s, double cx, double cy, double a, double h) {
        double hm = s.mean[3];
        double[] r = {STD_POSITION * hm, STD_POSITION * hm, 1e-1, STD_POSITION * hm};
        double[] p = s.cov;
        // S = H P H^T + R: the top-left 4x4 block of P plus measurement noise
        double[] sm = new double[M * M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                sm[i * M + j] = p[i * N + j];
            }
            sm[i * M + i] += r[i] * r[i];
        }
        double[] sInv = invert4(sm);
        // K = P H^T S^-1 (8x4); P H^T is the left 8x4 block of P
        double[] k = new double[N * M];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                double v = 0;
                for (int l = 0; l < M; l++) {
                    v += p[i * N + l] * sInv[l * M + j];
                }
                k[i * M + j] = v;
            }
        }
        double[] innovation = {cx - s.mean[0], cy - s.mean[1], a - s.mean[2], h - s.mean[3]};
        for (int i = 0; i < N; i++) {
            double v = 0;
            for (int j = 0; j < M; j++) {
                v += k[i * M + j] * innovation[j];
            }
            s.mean[i] += v;
        }
        // P = P - K H P: (K H P)[i][c] = sum_l K[i][l] * P[l][c] for l < 4
        double[] khp = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < N; c++) {
                double v = 0;
                for (int l = 0; l < M; l++) {
                    v += k[i * M + l] * p[l * N + c];
                }
                khp[i * N + c] = v;
            }
        }
        for (int i = 0; i < N * N; i++) {
            p[i] -= khp[i];
        }
    }

    /** Inverse of a 4x4 matrix by Gauss-Jordan with partial pivoting (S is symmetric positive definite). */
    static double[] invert4(double[] m) {
        double[] a = m.clone();
        double[] inv = new double[M * M];
        for (int i = 0; i < M; i++) {
            inv[i * M + i] = 1;
        }
        for (int col = 0; col < M; col++) {
            int pivot = col;
            for (int r = col + 1; r < M; r++) {
                if (Math.abs(a[r * M + col]) > Math.abs(a[pivot * M + col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot * M + col]) < 1e-12) {
                throw new ArithmeticException("singular innovation covariance");
            }
            if (pivot != col) {
                swapRows(a, pivot, col);
                swapRows(inv, pivot, col);
            }
            double d = a[col * M + col];
            for (int c = 0; c < M; c++) {
                a[col * M + c] /= d;
                inv[col * M + c] /= d;
            }
            for (int r = 0; r < M; r++) {
                if (r != col) {
                    double f = a[r * M + col];
                    for (int c = 0; c < M; c++) {
                        a[r * M + c] -= f * a[col * M + c];
                        inv[r * M + c] -= f * inv[col * M + c];
                    }
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int r1, int r2) {
        for (int c = 0; c < M; c++) {
            double t = a[r1 * M + c];
            a[r1 * M + c] = a[r2 * M + c];
            a[r2 * M + c] = t;
        }
    }
}
