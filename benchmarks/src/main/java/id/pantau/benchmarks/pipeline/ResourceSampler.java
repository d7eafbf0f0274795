package id.pantau.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time and peak memory of this process over a measurement window. CPU comes from the JVM's own account of
 * the process ({@code OperatingSystemMXBean.getProcessCpuTime}, native threads of FFmpeg and ONNX Runtime
 * included); memory is the resident set size read from {@code /proc/self/status} every 100 ms (heap plus the
 * native buffers of decoders and models, which is what a server has to provision), or the JVM heap where /proc is
 * missing.
 */
public final class ResourceSampler implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final long cpuStart;
    private final long wallStart;
    private final Thread sampler;

    public ResourceSampler() {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
        sample();
        sampler = Thread.ofPlatform().daemon().name("bench-memory-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        long now = residentBytes();
        peak.accumulateAndGet(now, Math::max);
    }

    /** CPU nanoseconds the process used since it started. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU seconds the process used since this sampler started. */
    public double cpuSeconds() {
        return (os.getProcessCpuTime() - cpuStart) / 1e9;
    }

    public double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    public long peakMemoryBytes() {
        sample();
        return peak.get();
    }

    /** The process's resident set now (the JVM heap where /proc is missing). */
    public static long residentBytesNow() {
        return residentBytes();
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the heap below
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
