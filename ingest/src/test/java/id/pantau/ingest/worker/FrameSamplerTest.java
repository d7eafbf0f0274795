package id.pantau.ingest.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameSamplerTest {

    private static int accepted(FrameSampler s, double sourceFps, double seconds) {
        int n = 0;
        long frames = Math.round(sourceFps * seconds);
        for (long i = 0; i < frames; i++) {
            if (s.accept(Math.round(i * 1_000_000 / sourceFps))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void samples25FpsDownTo5() {
        assertThat(accepted(new FrameSampler(5), 25, 10)).isEqualTo(50);
    }

    @Test
    void samplesNtscRateWithoutDrift() {
        // 29.97 fps over 100 s is 2997 frames; 10 fps should give 1000 +- 1 whatever the rounding of timestamps.
        assertThat(accepted(new FrameSampler(10), 30_000 / 1001.0, 100)).isBetween(999, 1001);
    }

    @Test
    void aTargetAboveTheSourceRateKeepsEveryFrame() {
        assertThat(accepted(new FrameSampler(30), 12.5, 8)).isEqualTo(100);
    }

    @Test
    void reAnchorsWhenTimestampsGoBackwardsAfterAReconnect() {
        FrameSampler s = new FrameSampler(1);
        assertThat(s.accept(5_000_000)).isTrue();
        assertThat(s.accept(5_500_000)).isFalse();
        assertThat(s.accept(0)).isTrue();   // new connection starts again at 0
        assertThat(s.accept(400_000)).isFalse();
        assertThat(s.accept(1_000_000)).isTrue();
    }
}
