package id.pantau.benchmarks.jmh;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the per-stage JMH benchmarks and writes JMH's JSON results ({@code -rf json}). One fork per benchmark,
 * average time per operation, with the GC profiler so allocation per frame shows beside the time.
 *
 * <pre>
 *   ./pantau bench --jmh [REGEX]                 (from the launcher)
 *   java -cp ... id.pantau.benchmarks.jmh.RunJmh [REGEX] [RESULT.json]
 * </pre>
 */
public final class RunJmh {
    /** System properties the forked JVMs need: loopback-only DJL, and where the models and footage are. */
    private static final List<String> FORWARDED = List.of("pantau.home", "pantau.shared", "ai.djl.offline",
            "OPT_OUT_TRACKING");

    private RunJmh() {
    }

    public static void main(String[] args) throws RunnerException {
        String regex = args.length > 0 ? args[0] : ".*";
        Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/target/jmh-results.json");
        run(regex, out, false);
    }

    /**
     * @param regex  which benchmarks (JMH include pattern, e.g. "Inference|Letterbox")
     * @param result where the JSON results go
     * @param quick  one short iteration each, to check that the benchmarks run (not for figures)
     */
    public static Collection<RunResult> run(String regex, Path result, boolean quick) throws RunnerException {
        try {
            Path parent = result.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create the folder for " + result + ": " + e.getMessage(), e);
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx2g", "-XX:+UseParallelGC", "-Xss4m"));
        if (Runtime.version().feature() >= 24) {
            // JavaCPP loads native code and JMH reads fields through Unsafe: allowed, without a warning per fork
            jvmArgs.add("--enable-native-access=ALL-UNNAMED");
            jvmArgs.add("--sun-misc-unsafe-memory-access=allow");
        }
        jvmArgs.add("-Dai.djl.offline=true");
        jvmArgs.add("-DOPT_OUT_TRACKING=true");
        jvmArgs.add("-Dlogback.configurationFile=id/pantau/benchmarks/jmh/jmh-logback.xml");
        jvmArgs.add("-Dorg.bytedeco.javacpp.logger=slf4j");
        for (String p : FORWARDED) {
            String v = System.getProperty(p);
            if (v != null && !p.equals("ai.djl.offline") && !p.equals("OPT_OUT_TRACKING")) {
                jvmArgs.add("-D" + p + "=" + v);
            }
        }
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(regex)
                .forks(1)
                .threads(1)
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString());
        if (quick) {
            o.warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
        } else {
            o.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        return new Runner(o.build()).run();
    }
}
