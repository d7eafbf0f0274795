package id.pantau.benchmarks.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many of the machine's cores this process can actually get now: one busy thread per core for a moment, their
 * CPU time over the wall time. On a quiet machine it is the core count; on a machine shared with other work (the
 * load average says how much) it is less, and a camera limit computed on all the cores would promise cameras the
 * bench cannot get CPU for. Measured right before and after the sweep, in the same run.
 */
public final class CpuAvailability {
    private CpuAvailability() {
    }

    /** Cores' worth of CPU one busy thread per core got over {@code span}. */
    public static double measure(Duration span) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicLong cpu = new AtomicLong();
        long end = System.nanoTime() + span.toNanos();
        List<Thread> spinners = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < cores; i++) {
            spinners.add(Thread.ofPlatform().daemon().name("bench-cpu-probe-" + i).start(() -> {
                long start = mx.getCurrentThreadCpuTime();
                long x = 0;
                while (System.nanoTime() < end) {
                    x += x * 31 + 7; // busy: nothing to optimise away that the JIT can prove unused
                }
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - start + (x == 42 ? 1 : 0));
            }));
        }
        for (Thread t : spinners) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return Math.min(cores, cpu.get() / 1e9 / wall);
    }

    /** The 1-minute load average (Linux), NaN elsewhere. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
