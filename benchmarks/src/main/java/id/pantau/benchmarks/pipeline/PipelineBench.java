package id.pantau.benchmarks.pipeline;

import id.pantau.core.json.Json;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.ingest.config.DecodeSkip;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole {@code ./pantau bench}: references (FFmpeg decode, bare ONNX Runtime inference) measured in the same
 * run as our own rates, a per-stage profile, and the camera sweep through the real pipeline. Returns the report;
 * {@link #write} puts it on disk with its chart.
 */
public final class PipelineBench {
    private static final Logger log = LoggerFactory.getLogger(PipelineBench.class);
    /** Frames the stage profile and inference comparison run on. */
    private static final int FIXTURE_FRAMES = 24;
    private static final int INFERENCES_PER_REPETITION = 60;

    private final BenchOptions options;

    public PipelineBench(BenchOptions options) {
        this.options = options;
    }

    public BenchReport run() throws Exception {
        BenchOptions o = options;
        Path clip = o.input();
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("bench input " + clip.toAbsolutePath() + " is not a file; pass"
                    + " --input VIDEO (e.g. ../shared/data/videos/opencv_zoo_TestV4_street_london.mp4)");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        DetectorSettings detectorSettings = DetectorSettings.forTracking(o.inferenceThreads(), o.concurrency());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FrameAnalytics.Factory analytics = o.analytics() ? FrameAnalytics.engine(registry) : FrameAnalytics.none();
        log.info("bench: loading the detector and {} frames of {}", FIXTURE_FRAMES, clip.getFileName());
        try (StageFixtures fx = StageFixtures.load(o.model(), clip, FIXTURE_FRAMES, o.analysisFps(),
                detectorSettings)) {
            log.info("bench: inference vs bare ONNX Runtime ({} repetitions)", o.repetitions());
            InferenceComparison.Rates inference = InferenceComparison.measure(fx.detector, o.model(),
                    o.inferenceThreads(), fx.frames.getFirst(), INFERENCES_PER_REPETITION, o.repetitions());
            log.info("bench: stage profile");
            Map<String, Double> stageMs = new StageProfiler(fx, analytics, o.repetitions()).profile();

            log.info("bench: decode vs FFmpeg ({} repetitions)", o.repetitions());
            Path work = Files.createTempDirectory("pantau-bench");
            DecodeComparison.Rates decode;
            try {
                Path looped = ClipLoop.repeat(o.ffmpeg(), clip, o.decodeLoops(), work.resolve("decode-clip.mp4"));
                decode = DecodeComparison.measure(looped, o.analysisFps(), new FfmpegReference(o.ffmpeg()),
                        o.decodeThreads(), o.repetitions(), o.evidenceRing(), o.decodeSkip());
            } finally {
                deleteQuietly(work);
            }

            List<Integer> plan = o.sweep() ? CameraSweep.plan(o.cameras()) : List.of(o.cameras());
            Map<Integer, PipelineRun.Result> results = new LinkedHashMap<>();
            List<Double> available = new ArrayList<>();
            CameraSweep.Runner runner = n -> {
                available.add(CpuAvailability.measure(Duration.ofSeconds(1)));
                log.info("bench: pipeline with {} camera(s) for {} s", n, o.seconds());
                PipelineRun.Result r = PipelineRun.run(new PipelineRun.Config(clip, n,
                        seconds(o.warmupSeconds()), seconds(o.seconds()), o.analysisFps(), o.rtsp(),
                        o.motionGate() ? MotionSettings.defaults() : PipelineRun.detectEveryFrame(),
                        o.evidenceRing(), o.decodeSkip(), o.decodeThreads(), cores),
                        fx.detector, analytics);
                results.put(n, r);
                return r.point();
            };
            double loadBefore = CpuAvailability.loadAverage();
            List<BenchReport.SweepPoint> sweep = CameraSweep.run(plan, runner);
            PipelineRun.Result headline = results.get(o.cameras());
            int held = CameraSweep.largestHeld(sweep);
            BenchReport.Capacity capacity = capacity(o, cores, held, stageMs, decode, sweep, results, runner,
                    available, loadBefore);

            Map<String, Double> stageFps = new LinkedHashMap<>();
            stageFps.put("decode", decode.ingestFps());
            stageMs.forEach((stage, ms) -> stageFps.put(stage, 1000.0 / ms));
            stageFps.put("pipeline_decoded", headline.decodedFps());
            stageFps.put("pipeline_analysed", headline.point().analysedFps());
            Map<String, Double> msPerFrame = new LinkedHashMap<>();
            msPerFrame.put("decode", 1000.0 / decode.ingestFps());
            msPerFrame.putAll(stageMs);
            double prePost = (stageMs.get(StageProfiler.PREPROCESS) + stageMs.get(StageProfiler.POSTPROCESS))
                    / stageMs.get(StageProfiler.INFERENCE);

            return new BenchReport(decode.ingestFps(), decode.ffmpegFps(), decode.ratio(),
                    inference.detectorFps(), inference.bareOrtFps(), inference.ratio(),
                    headline.point().latencyMs(), headline.point().framesDropped(), (double) held / cores,
                    stageFps, msPerFrame, sweep, BenchReport.Goals.of(decode.ratio(), prePost, held),
                    MachineInfo.current(),
                    new BenchReport.Settings(clip.toString(), o.cameras(), o.seconds(), o.analysisFps(), o.rtsp(),
                            o.model().getFileName().toString(), o.decodeThreads(), o.inferenceThreads(),
                            o.concurrency(), analytics.name() + (o.motionGate() ? "" : ", no motion gate")
                            + (o.evidenceRing() ? "" : ", no evidence ring")
                            + (o.decodeSkip() == DecodeSkip.AUTO ? "" : ", decode skip " + o.decodeSkip()),
                            o.repetitions()),
                    new BenchReport.SameWorkDecode(decode.skipsNonRef(),
                            decode.skipsNonRef() ? decode.ffmpegSameWorkFps() : decode.ffmpegFps(),
                            decode.sameWorkRatio()),
                    capacity);
        }
    }

    /**
     * The computed CPU limit and held/limit; with a sweep, the overload curve at 1.5x and 2x the cameras held; the
     * RSS slope over every run.
     */
    private BenchReport.Capacity capacity(BenchOptions o, int cores, int held, Map<String, Double> stageMs,
                                          DecodeComparison.Rates decode, List<BenchReport.SweepPoint> sweep,
                                          Map<Integer, PipelineRun.Result> results, CameraSweep.Runner runner,
                                          List<Double> availableBeforeEachRun, double loadBefore)
            throws Exception {
        // the motion gate's skipping as the pipeline saw it, at the most cameras that held (or the first run)
        BenchReport.SweepPoint basis = sweep.stream().filter(p -> p.cameras() == held).findFirst()
                .orElse(sweep.getFirst());
        double ingestMs = 1000 * decode.ingestCpuSecondsPerStreamSecond();
        double analysisMs = CapacityModel.analysisCpuMsPerCameraSecond(stageMs, o.analysisFps(),
                basis.motionSkippedRatio());
        double limitAllCores = CapacityModel.limit(cores, ingestMs, analysisMs);
        // a shared machine: the limit on the CPU this process could get during the sweep (median of a probe before
        // each run, and one after), not on idle cores
        List<Double> probes = new ArrayList<>(availableBeforeEachRun);
        probes.add(CpuAvailability.measure(Duration.ofSeconds(1)));
        double loadAfter = CpuAvailability.loadAverage();
        double available = Math.min(cores, Stats.median(probes));
        double limit = CapacityModel.limit(1, ingestMs, analysisMs) * available;
        log.info("bench: computed CPU limit {} cameras on the {} cores' worth of CPU available ({} on all {} cores;"
                        + " {} ms ingest + {} ms analysis per camera-second; load {} / {}); held {}",
                String.format("%.1f", limit), String.format("%.2f", available), String.format("%.1f", limitAllCores),
                cores, String.format("%.0f", ingestMs), String.format("%.0f", analysisMs),
                String.format("%.1f", loadBefore), String.format("%.1f", loadAfter), held);
        List<BenchReport.OverloadPoint> overload = new ArrayList<>();
        if (o.sweep() && o.overload() && held > 0) {
            double heldRate = held * o.analysisFps();
            for (double factor : new double[] {1.5, 2.0}) {
                int n = (int) Math.round(held * factor);
                PipelineRun.Result r = results.containsKey(n) ? results.get(n) : null;
                if (r == null) {
                    runner.run(n);
                    r = results.get(n);
                }
                BenchReport.SweepPoint p = r.point();
                overload.add(new BenchReport.OverloadPoint(factor, n, p.analysedFps(), p.analysedFps() / heldRate,
                        p.latencyMs(), r.minCameraShare(), p.framesDropped(), p.peakMemoryBytes()));
            }
        }
        List<int[]> rss = new ArrayList<>();
        List<int[]> heldMemory = new ArrayList<>();
        results.forEach((n, r) -> {
            rss.add(new int[] {n, (int) (r.point().peakMemoryBytes() >> 20)});
            heldMemory.add(new int[] {n, (int) (r.heldMemoryBytes() >> 20)});
        });
        double rssPerCamera = CapacityModel.rssPerCameraMib(rss);
        double heldPerCamera = CapacityModel.rssPerCameraMib(heldMemory);
        double minRate = overload.stream().mapToDouble(BenchReport.OverloadPoint::rateVsHeld).min().orElse(Double.NaN);
        double maxP95 = overload.stream().mapToDouble(p -> p.latencyMs().p95()).max().orElse(Double.NaN);
        double minShare = overload.stream().mapToDouble(BenchReport.OverloadPoint::minCameraShare).min()
                .orElse(Double.NaN);
        double heldVsLimit = held / limit;
        var goals = new BenchReport.Capacity.Goals(heldVsLimit >= BenchReport.Capacity.Goals.HELD_VS_LIMIT,
                !overload.isEmpty() && minRate >= 1.0,
                !overload.isEmpty() && maxP95 < BenchReport.Capacity.Goals.OVERLOAD_P95_MS,
                heldPerCamera <= BenchReport.Capacity.Goals.RSS_PER_CAMERA_MIB);
        return new BenchReport.Capacity(ingestMs, analysisMs, available, List.of(loadBefore, loadAfter),
                limitAllCores, limit, held, heldVsLimit, (double) held / cores, overload, minRate, maxP95, minShare,
                rssPerCamera, heldPerCamera, goals);
    }

    /** Writes the JSON report and, beside it, the chart of the sweep; returns the chart's path. */
    public static Path write(BenchReport report, Path json) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        String name = json.getFileName().toString().replaceFirst("\\.json$", "");
        return ChartWriter.write(report.sweep(), parent.resolve(name + ".png"));
    }

    public static BenchReport read(Path json) throws IOException {
        return Json.mapper().readValue(json.toFile(), BenchReport.class);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove {}", dir, e);
        }
    }
}
