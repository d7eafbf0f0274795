package id.pantau.detect.track;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class KalmanBoxFilterTest {
    private final KalmanBoxFilter kf = new KalmanBoxFilter();

    @Test
    void learnsAConstantVelocityAndPredictsAhead() {
        // a box moving +5 px/frame in x, +2 in y, constant size
        KalmanBoxFilter.State s = kf.initiate(100, 50, 0.5, 40);
        for (int t = 1; t <= 30; t++) {
            kf.predict(s);
            kf.update(s, 100 + 5 * t, 50 + 2 * t, 0.5, 40);
        }
        double[] m = s.mean();
        assertThat(m[4]).as("vx").isCloseTo(5, offset(0.2));
        assertThat(m[5]).as("vy").isCloseTo(2, offset(0.2));
        kf.predict(s);
        assertThat(s.mean()[0]).as("predicted cx one frame on").isCloseTo(100 + 5 * 31, offset(1.0));
        assertThat(s.mean()[1]).isCloseTo(50 + 2 * 31, offset(1.0));
    }

    @Test
    void predictionGrowsUncertaintyAndUpdateShrinksIt() {
        KalmanBoxFilter.State s = kf.initiate(0, 0, 1, 100);
        double before = s.covariance(0, 0);
        kf.predict(s);
        double predicted = s.covariance(0, 0);
        kf.update(s, 0, 0, 1, 100);
        double updated = s.covariance(0, 0);
        assertThat(predicted).isGreaterThan(before);
        assertThat(updated).isLessThan(predicted);
        // covariance stays symmetric
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertThat(s.covariance(i, j)).isCloseTo(s.covariance(j, i), offset(1e-9));
            }
        }
    }

    @Test
    void updatePullsTheMeanTowardsTheMeasurement() {
        KalmanBoxFilter.State s = kf.initiate(0, 0, 1, 100);
        kf.predict(s);
        kf.update(s, 10, 0, 1, 100);
        assertThat(s.mean()[0]).isBetween(0.0, 10.0).isGreaterThan(5.0);
    }

    @Test
    void invertsA4x4Matrix() {
        double[] m = {4, 1, 0, 0, 1, 3, 0, 0, 0, 0, 2, 0.5, 0, 0, 0.5, 1};
        double[] inv = KalmanBoxFilter.invert4(m);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double v = 0;
                for (int k = 0; k < 4; k++) {
                    v += m[i * 4 + k] * inv[k * 4 + j];
                }
                assertThat(v).isCloseTo(i == j ? 1 : 0, offset(1e-12));
            }
        }
    }
}
