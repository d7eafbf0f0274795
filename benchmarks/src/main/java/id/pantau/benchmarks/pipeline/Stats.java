package id.pantau.benchmarks.pipeline;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over measurements; medians because these shared machines have bimodal "bad periods". */
public final class Stats {
    private Stats() {
    }

    public static double median(Collection<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile (p in 0..100) of the values; NaN when empty. */
    public static double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentileOfSorted(sorted, p);
    }

    public static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    public static double[] sortedCopy(double[] values) {
        double[] c = values.clone();
        Arrays.sort(c);
        return c;
    }
}
