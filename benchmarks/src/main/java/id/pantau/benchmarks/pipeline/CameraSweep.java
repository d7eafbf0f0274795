package id.pantau.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds the largest number of cameras that holds the analysis rate with no drops: runs N = 1, 2, 4, 6, ...
 * upwards, stops climbing at the first N that does not hold (more cameras will not hold either, and each run
 * costs real time), and always runs the requested N so the report has its figures.
 */
public final class CameraSweep {
    private CameraSweep() {
    }

    /** A run of the pipeline with N cameras. */
    @FunctionalInterface
    public interface Runner {
        BenchReport.SweepPoint run(int cameras) throws Exception;
    }

    /** 1, 2, then steps of 2 up to {@code max}, with {@code max} itself last. */
    public static List<Integer> plan(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("--cameras must be at least 1, got " + max);
        }
        TreeSet<Integer> ns = new TreeSet<>();
        ns.add(1);
        for (int n = 2; n <= max; n += 2) {
            ns.add(n);
        }
        ns.add(max);
        return List.copyOf(ns);
    }

    /** Runs the plan in ascending order; after the first N that fails, only the last (requested) N still runs. */
    public static List<BenchReport.SweepPoint> run(List<Integer> plan, Runner runner) throws Exception {
        List<BenchReport.SweepPoint> points = new ArrayList<>();
        boolean failed = false;
        int last = plan.getLast();
        for (int n : plan) {
            if (failed && n != last) {
                continue;
            }
            BenchReport.SweepPoint p = runner.run(n);
            points.add(p);
            failed |= !p.heldRate();
        }
        return points;
    }

    /** The largest N that held, counting only N below the first failure; 0 if even one camera did not hold. */
    public static int largestHeld(List<BenchReport.SweepPoint> points) {
        int best = 0;
        for (BenchReport.SweepPoint p : points.stream()
                .sorted(java.util.Comparator.comparingInt(BenchReport.SweepPoint::cameras)).toList()) {
            if (!p.heldRate()) {
                break;
            }
            best = p.cameras();
        }
        return best;
    }
}
