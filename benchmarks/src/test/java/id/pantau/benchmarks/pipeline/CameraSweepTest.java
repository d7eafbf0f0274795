package id.pantau.benchmarks.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraSweepTest {
    private static BenchReport.SweepPoint point(int n, boolean held) {
        return new BenchReport.SweepPoint(n, held ? n * 5.0 : n * 3.0, n * 5.0, new BenchReport.Latency(50, 90, 120),
                held ? 0 : 7, 0.2, 1L << 30, held, 0.5);
    }

    @Test
    void planClimbsInStepsOfTwoAndEndsAtTheRequestedCount() {
        assertThat(CameraSweep.plan(1)).containsExactly(1);
        assertThat(CameraSweep.plan(8)).containsExactly(1, 2, 4, 6, 8);
        assertThat(CameraSweep.plan(7)).containsExactly(1, 2, 4, 6, 7);
        assertThatThrownBy(() -> CameraSweep.plan(0)).hasMessageContaining("--cameras");
    }

    @Test
    void stopsClimbingAtTheFirstFailureButStillRunsTheRequestedCount() throws Exception {
        List<Integer> ran = new ArrayList<>();
        List<BenchReport.SweepPoint> points = CameraSweep.run(CameraSweep.plan(10), n -> {
            ran.add(n);
            return point(n, n <= 4);
        });
        assertThat(ran).containsExactly(1, 2, 4, 6, 10);
        assertThat(CameraSweep.largestHeld(points)).isEqualTo(4);
    }

    @Test
    void aLargerCountHoldingAfterASmallerOneFailedDoesNotCount() {
        // noise can let N=8 pass after N=6 failed; the answer must not jump over the failure
        List<BenchReport.SweepPoint> points = List.of(point(1, true), point(2, true), point(6, false), point(8, true));
        assertThat(CameraSweep.largestHeld(points)).isEqualTo(2);
        assertThat(CameraSweep.largestHeld(List.of(point(1, false)))).isZero();
    }

    @Test
    void latencyPercentilesAreNearestRankOverEveryCameraThread() throws Exception {
        LatencyRecorder r = new LatencyRecorder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 2500;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 1; i <= 2500; i++) {
                    r.add(base + i);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(r.count()).isEqualTo(10_000);
        BenchReport.Latency l = r.summary();
        assertThat(l.p50()).isEqualTo(5000);
        assertThat(l.p95()).isEqualTo(9500);
        assertThat(l.p99()).isEqualTo(9900);
        assertThat(new LatencyRecorder().summary().p50()).isNaN();
    }
}
