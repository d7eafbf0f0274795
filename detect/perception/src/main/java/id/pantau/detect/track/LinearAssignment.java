package id.pantau.detect.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Optimal assignment of rows (tracks) to columns (detections) minimising total cost, with a cost limit: a pair
 * costing {@code >= limit} is never matched, and leaving a row or column unmatched is allowed. This is what
 * ByteTrack gets from {@code lap.lapjv(cost, extend_cost=True, cost_limit=thresh)}.
 *
 * <p>The limit is built in the way lapjv does it: the n x m matrix is extended to (n+m) x (n+m) with "unmatched"
 * entries costing limit/2, so matching a real pair only wins when it costs less than leaving both sides
 * unmatched. The square problem is solved with the O(N^3) Hungarian method (Kuhn-Munkres with potentials).
 */
public final class LinearAssignment {

    /** A matched pair of row and column indices. */
    public record Match(int row, int col) {
    }

    /** The result: matches plus the rows and columns left unmatched. */
    public record Result(List<Match> matches, List<Integer> unmatchedRows, List<Integer> unmatchedCols) {
    }

    private LinearAssignment() {
    }

    public static Result solve(double[][] cost, int cols, double limit) {
        int n = cost.length;
        int m = cols;
        if (n == 0 || m == 0) {
            return new Result(List.of(), range(n), range(m));
        }
        int size = n + m;
        double half = limit / 2;
        double[][] c = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (i < n && j < m) {
                    c[i][j] = cost[i][j];
                } else if (i < n || j < m) {
                    c[i][j] = half;
                } else {
                    c[i][j] = 0;
                }
            }
        }
        int[] rowToCol = hungarian(c);
        List<Match> matches = new ArrayList<>();
        boolean[] rowUsed = new boolean[n];
        boolean[] colUsed = new boolean[m];
        for (int i = 0; i < n; i++) {
            int j = rowToCol[i];
            if (j < m && cost[i][j] < limit) {
                matches.add(new Match(i, j));
                rowUsed[i] = true;
                colUsed[j] = true;
            }
        }
        List<Integer> ur = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!rowUsed[i]) {
                ur.add(i);
            }
        }
        List<Integer> uc = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!colUsed[j]) {
                uc.add(j);
            }
        }
        return new Result(matches, ur, uc);
    }

    /** Minimum-cost perfect matching on a square matrix; returns the column of each row. */
    static int[] hungarian(double[][] a) {
        int n = a.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];   // p[j] = row matched to column j (1-based), 0 = none
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= n; j++) {
            rowToCol[p[j] - 1] = j - 1;
        }
        return rowToCol;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
