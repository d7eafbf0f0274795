package id.pantau.detect.track;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LinearAssignmentTest {

    @Test
    void findsTheOptimumWhereGreedyFails() {
        // greedy takes (0,0)=1 and is left with (1,1)=10 -> 11; the optimum is (0,1)+(1,0) = 2+3 = 5
        double[][] cost = {{1, 2}, {3, 10}};
        var r = LinearAssignment.solve(cost, 2, 100);
        assertThat(r.matches()).containsExactlyInAnyOrder(new LinearAssignment.Match(0, 1),
                new LinearAssignment.Match(1, 0));
        assertThat(r.unmatchedRows()).isEmpty();
        assertThat(r.unmatchedCols()).isEmpty();
    }

    @Test
    void pairsAtOrAboveTheLimitStayUnmatched() {
        double[][] cost = {{0.2, 0.95}, {0.9, 0.99}};
        var r = LinearAssignment.solve(cost, 2, 0.8);
        assertThat(r.matches()).containsExactly(new LinearAssignment.Match(0, 0));
        assertThat(r.unmatchedRows()).containsExactly(1);
        assertThat(r.unmatchedCols()).containsExactly(1);
    }

    @Test
    void rectangularAndEmptyProblems() {
        double[][] cost = {{0.5, 0.1, 0.7}};
        var r = LinearAssignment.solve(cost, 3, 1);
        assertThat(r.matches()).containsExactly(new LinearAssignment.Match(0, 1));
        assertThat(r.unmatchedCols()).containsExactly(0, 2);

        var none = LinearAssignment.solve(new double[0][0], 2, 1);
        assertThat(none.matches()).isEmpty();
        assertThat(none.unmatchedCols()).containsExactly(0, 1);
    }

    @Test
    void agreesWithBruteForceOnRandomMatrices() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(5);
            double[][] c = new double[n][n];
            for (double[] row : c) {
                for (int j = 0; j < n; j++) {
                    row[j] = rnd.nextDouble();
                }
            }
            int[] assign = LinearAssignment.hungarian(c);
            assertThat(total(c, assign)).isCloseTo(bruteForce(c, 0, new boolean[n]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static double total(double[][] c, int[] assign) {
        double t = 0;
        for (int i = 0; i < assign.length; i++) {
            t += c[i][assign[i]];
        }
        return t;
    }

    private static double bruteForce(double[][] c, int row, boolean[] used) {
        if (row == c.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, c[row][j] + bruteForce(c, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void unusedHelperListTypeIsImmutable() {
        var r = LinearAssignment.solve(new double[][] {{0.1}}, 1, 1);
        assertThat(r.matches()).isInstanceOf(List.class).hasSize(1);
    }
}
