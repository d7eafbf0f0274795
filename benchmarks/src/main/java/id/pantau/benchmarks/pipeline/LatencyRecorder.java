package id.pantau.benchmarks.pipeline;

import java.util.Arrays;

/** Frame-to-event latencies of one run, in milliseconds; safe to add to from every camera's thread. */
public final class LatencyRecorder {
    private double[] values = new double[4096];
    private int size;

    public synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    public synchronized int count() {
        return size;
    }

    /** p50, p95 and p99 (nearest rank); NaN when nothing was recorded. */
    public synchronized BenchReport.Latency summary() {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new BenchReport.Latency(Stats.percentileOfSorted(sorted, 50), Stats.percentileOfSorted(sorted, 95),
                Stats.percentileOfSorted(sorted, 99));
    }
}
