package id.pantau.ingest.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateEstimatorTest {

    @Test
    void measuresTheRateOfTheLastFramesAndRestartsAfterAGap() {
        RateEstimator r = new RateEstimator();
        assertThat(r.fps()).isNaN();
        for (int i = 0; i < 100; i++) {
            r.add(i * 40_000L);                        // 25 fps
        }
        assertThat(r.fps()).isCloseTo(25.0, within(0.01));
        long t = 99 * 40_000L;
        for (int i = 1; i <= 30; i++) {
            r.add(t + i * 100_000L);                   // slows to 10 fps: the old rate leaves the window
        }
        assertThat(r.fps()).isCloseTo(10.0, within(0.01));
        r.add(0);                                      // a new connection starts its clock again
        r.add(200_000);
        assertThat(r.fps()).isCloseTo(5.0, within(0.01));
    }
}
