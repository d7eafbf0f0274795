package id.pantau.benchmarks;

import id.pantau.benchmarks.jmh.RunJmh;
import id.pantau.benchmarks.live.LiveViewBench;
import id.pantau.benchmarks.pipeline.BaselineGuard;
import id.pantau.benchmarks.pipeline.BenchOptions;
import id.pantau.benchmarks.pipeline.BenchReport;
import id.pantau.benchmarks.pipeline.PipelineBench;
import id.pantau.core.asset.Assets;
import id.pantau.ingest.config.DecodeSkip;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./pantau bench}: how many cameras one server analyses, at what rate and latency, measured against the
 * machine's own limits (FFmpeg's decoder, a bare ONNX Runtime session) in the same run; {@code --check} guards the
 * ratios against benchmarks/baseline.json; {@code --jmh} runs the per-stage JMH benchmarks instead.
 */
@Command(name = "pantau bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Measure the pipeline: N simulated cameras from real footage through ingest, detection, "
                + "tracking and analytics, beside FFmpeg's decode rate and a bare ONNX Runtime session, with a sweep "
                + "over N for the largest camera count that holds the analysis rate with no drops.",
                "Writes JSON (headline fields at the top) and a PNG chart beside it."})
public final class BenchCommand implements Callable<Integer> {

    /**
     * {@code ./pantau bench} runs this entry of the benchmarks module, so JMH and the bench's fixtures never ship on
     * a node's class path.
     */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("pantau bench: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            org.slf4j.LoggerFactory.getLogger(BenchCommand.class).debug("bench failed", ex);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    static final String DEFAULT_CLIP = "videos/opencv_zoo_TestV4_street_london.mp4";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "VIDEO",
            description = "Footage every simulated camera plays (default: the 1280x720 street clip of the data manifest).")
    Path input;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "8",
            description = "Cameras to simulate; the sweep climbs 1, 2, 4, ... up to N (default ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Measured seconds of each pipeline run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "5",
            description = "Seconds after every camera streams before measuring (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--fps", paramLabel = "F", defaultValue = "5",
            description = "Analysis rate each camera must hold, frames per second (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--rtsp", description = "Serve the footage through the real RTSP server (GStreamer) on 127.0.0.1.")
    boolean rtsp;

    @Option(names = "--no-sweep", description = "Run only N cameras, not the sweep.")
    boolean noSweep;

    @Option(names = "--repetitions", paramLabel = "R", defaultValue = "3",
            description = "Repetitions of the reference comparisons; medians are reported (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "benchmarks/target/bench.json",
            description = "Where the report goes; the chart is written beside it as .png (default ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--check", description = "Compare the ratios with the baseline; exit 3 naming each ratio that fell"
            + " by more than the baseline's tolerance.")
    boolean check;

    @Option(names = "--report", paramLabel = "FILE",
            description = "With --check or --accept: use this existing report instead of running the bench.")
    Path report;

    @Option(names = "--baseline", paramLabel = "FILE", defaultValue = "benchmarks/baseline.json",
            description = "Ratios of the last accepted run (default ${DEFAULT-VALUE}).")
    Path baseline;

    @Option(names = "--accept", description = "Write this run's ratios to the baseline file (after reviewing them).")
    boolean accept;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.15",
            description = "With --accept: the fall tolerated before --check fails (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--ffmpeg", paramLabel = "PATH", defaultValue = "ffmpeg",
            description = "FFmpeg executable for the decode reference (default ${DEFAULT-VALUE}).")
    String ffmpeg;

    @Option(names = "--decode-threads", paramLabel = "T", defaultValue = "1",
            description = "Decoder threads of each camera and of the FFmpeg reference; 0 = FFmpeg's automatic count"
                    + " (default ${DEFAULT-VALUE}, a camera's default decode_threads).")
    int decodeThreads;

    @Option(names = "--decode-loops", paramLabel = "K", defaultValue = "4",
            description = "Repeat the clip K times (packet copy) for the decode comparison (default ${DEFAULT-VALUE}).")
    int decodeLoops;

    @Option(names = "--inference-threads", paramLabel = "T", defaultValue = "1",
            description = "ONNX Runtime threads per inference (default ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Option(names = "--concurrency", paramLabel = "C",
            description = "Inferences at once (default: the number of cores).")
    Integer concurrency;

    @Option(names = "--no-analytics", description = "Stop at tracking (perception only), without the analytics engine.")
    boolean noAnalytics;

    @Option(names = "--no-motion-gate", description = "Detect on every analysed frame (the gate never skips).")
    boolean noMotionGate;

    @Option(names = "--no-evidence-ring", description = "Cameras keep no evidence ring (no JPEG encoding): measures"
            + " what the ring costs.")
    boolean noEvidenceRing;

    @Option(names = "--decode-skip", paramLabel = "auto|on|off", defaultValue = "auto",
            converter = DecodeSkipConverter.class,
            description = "Whether the cameras' decoders skip non-reference frames (skip_nonref_frames); default auto,"
                    + " as a camera is configured by default. off measures full decoding against FFmpeg's.")
    DecodeSkip decodeSkip;

    /** The camera list's own spelling (auto, on, off), parsed as the camera list parses it. */
    static final class DecodeSkipConverter implements picocli.CommandLine.ITypeConverter<DecodeSkip> {
        @Override
        public DecodeSkip convert(String value) {
            DecodeSkip skip = DecodeSkip.parse(value);
            if (skip == null) {
                throw new picocli.CommandLine.TypeConversionException(
                        "--decode-skip must be auto, on or off, got '" + value + "'");
            }
            return skip;
        }
    }

    @Option(names = "--no-overload", description = "After the sweep, do not run 1.5x and 2x the cameras held.")
    boolean noOverload;

    @Option(names = "--live", description = "Measure the console's live view instead: CPU and memory per camera"
            + " (decode, live remux) and per viewer, with --cameras N cameras (default 8; try 2) and --viewers V"
            + " viewers each (curl processes over loopback HTTP); JSON to benchmarks/target/live-bench.json.")
    boolean live;

    @Option(names = "--viewers", paramLabel = "V", defaultValue = "10",
            description = "With --live: viewers per camera (default ${DEFAULT-VALUE}).")
    int viewers;

    @Option(names = "--jmh", arity = "0..1", paramLabel = "REGEX", fallbackValue = ".*",
            description = "Run the per-stage JMH benchmarks matching REGEX (all when omitted); JSON to --json.")
    String jmh;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Path.of(System.getProperty("pantau.home", "."));
        if (jmh != null) {
            Path result = json.toString().equals("benchmarks/target/bench.json")
                    ? home.resolve("benchmarks/target/jmh-results.json") : json;
            RunJmh.run(jmh, result, false);
            out.println("JMH results: " + result);
            return 0;
        }
        if (live) {
            Assets assets = Assets.defaults();
            Path clip = input != null ? (input.isAbsolute() ? input : home.resolve(input)) : assets.data(DEFAULT_CLIP);
            LiveViewBench.Report r = new LiveViewBench(clip, cameras, viewers, seconds, warmup).run();
            Path result = json.toString().equals("benchmarks/target/bench.json")
                    ? home.resolve("benchmarks/target/live-bench.json") : json;
            LiveViewBench.write(r, result);
            out.println(LiveViewBench.summary(r));
            out.println("report: " + result);
            return 0;
        }
        Path baselineFile = baseline.isAbsolute() ? baseline : home.resolve(baseline);
        BenchReport r;
        if (report != null) {
            if (!check && !accept) {
                throw new IllegalArgumentException("--report FILE needs --check (compare it with the baseline) or"
                        + " --accept (make it the baseline)");
            }
            r = PipelineBench.read(report);
        } else {
            r = new PipelineBench(options()).run();
            Path jsonFile = json.isAbsolute() ? json : home.resolve(json);
            Path chart = PipelineBench.write(r, jsonFile);
            printSummary(out, r);
            out.println("report: " + jsonFile + "\nchart:  " + chart);
        }
        if (accept) {
            BaselineGuard.accept(baselineFile, r, tolerance);
            out.println("baseline written: " + baselineFile);
        }
        if (check) {
            if (!Files.isRegularFile(baselineFile)) {
                throw new IllegalArgumentException("no baseline at " + baselineFile + "; run 'pantau bench --accept'"
                        + " once on a quiet machine to create it, or pass --baseline FILE");
            }
            List<BaselineGuard.Regression> fell = BaselineGuard.check(baselineFile, r);
            if (!fell.isEmpty()) {
                fell.forEach(f -> spec.commandLine().getErr().println("REGRESSION: " + f));
                return 3;
            }
            out.println("check: every guarded ratio is within the baseline's tolerance (" + baselineFile + ")");
        }
        return 0;
    }

    private BenchOptions options() {
        Path home = Path.of(System.getProperty("pantau.home", "."));
        Assets assets = Assets.defaults();
        Path clip = input != null ? (input.isAbsolute() ? input : home.resolve(input)) : assets.data(DEFAULT_CLIP);
        int cores = Runtime.getRuntime().availableProcessors();
        return new BenchOptions(clip, cameras, seconds, warmup, fps, rtsp, !noSweep, repetitions, ffmpeg,
                decodeThreads, decodeLoops, inferenceThreads, concurrency == null ? cores : concurrency, !noAnalytics,
                !noMotionGate, !noEvidenceRing, assets.model("yolox_nano").path(), decodeSkip,
                !noOverload);
    }

    static void printSummary(PrintWriter out, BenchReport r) {
        out.println(String.format(Locale.ROOT, """
                decode      %7.1f fps   FFmpeg %7.1f fps   ratio %.3f
                inference   %7.1f /s    bare ORT %5.1f /s   ratio %.3f
                latency     p50 %.0f ms  p95 %.0f ms  p99 %.0f ms   dropped %d
                cameras/core %.2f (largest N holding %.1f fps with no drops: %d on %d cores)""",
                r.decodeFps(), r.ffmpegDecodeFps(), r.decodeRatioVsFfmpeg(), r.inferenceFps(),
                r.bareOrtInferenceFps(), r.inferenceRatioVsBareOrt(), r.latencyMs().p50(), r.latencyMs().p95(),
                r.latencyMs().p99(), r.framesDropped(), r.camerasPerCore(), r.settings().analysisFps(),
                r.goals().camerasHeld(), r.machine().cores()));
        BenchReport.SameWorkDecode same = r.decodeSameWork();
        if (same != null && same.skipsNonReferenceFrames()) {
            out.println(String.format(Locale.ROOT, "decode vs FFmpeg skipping non-reference frames too: %.1f fps, "
                    + "ratio %.3f", same.ffmpegDecodeFps(), same.decodeRatio()));
        }
        for (Map.Entry<String, Double> e : r.stageMsPerFrame().entrySet()) {
            out.println(String.format(Locale.ROOT, "  %-14s %8.3f ms/frame", e.getKey(), e.getValue()));
        }
        BenchReport.Capacity c = r.capacity();
        if (c != null) {
            out.println(String.format(Locale.ROOT, """
                    computed CPU limit %.1f cameras on %.2f cores' worth of CPU available (%.1f on all %d cores, load %s)
                    cost     %.0f ms ingest + %.0f ms analysis CPU per camera-second
                    held     %d cameras, held/limit %.2f (goal >= %.2f), %.2f cameras per core
                    memory   %.1f MiB held per added camera (goal <= %.0f); peak RSS %.1f MiB per added camera""",
                    c.computedLimit(), c.availableCores(), c.computedLimitAllCores(), r.machine().cores(),
                    c.loadAverage(), c.ingestCpuMsPerCameraSecond(), c.analysisCpuMsPerCameraSecond(), c.camerasHeld(), c.heldVsLimit(), BenchReport.Capacity.Goals.HELD_VS_LIMIT,
                    c.heldPerCore(), c.heldMemoryPerCameraMib(), BenchReport.Capacity.Goals.RSS_PER_CAMERA_MIB,
                    c.rssPerCameraMib()));
            for (BenchReport.OverloadPoint p : c.overload()) {
                out.println(String.format(Locale.ROOT,
                        "  overload %.1fx N=%-3d analysed %6.1f fps = %.2f x the held rate  p95 %5.0f ms"
                                + "  least-served camera %.2f of the mean  dropped %d",
                        p.factor(), p.cameras(), p.analysedFps(), p.rateVsHeld(), p.latencyMs().p95(),
                        p.minCameraShare(), p.framesDropped()));
            }
        }
        for (BenchReport.SweepPoint p : r.sweep()) {
            out.println(String.format(Locale.ROOT,
                    "  N=%-3d analysed %6.1f of %5.1f fps  p95 %5.0f ms  dropped %4d  CPU %.3f s/cam-s  RSS %4d MiB"
                            + "  motion-skipped %3.0f%%  %s",
                    p.cameras(), p.analysedFps(), p.targetFps(), p.latencyMs().p95(), p.framesDropped(),
                    p.cpuSecondsPerCameraSecond(), p.peakMemoryBytes() >> 20, 100 * p.motionSkippedRatio(),
                    p.heldRate() ? "held" : "NOT held"));
        }
    }
}
