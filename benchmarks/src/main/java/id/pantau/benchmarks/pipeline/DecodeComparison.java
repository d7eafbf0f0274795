package id.pantau.benchmarks.pipeline;

import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.config.DecodeSkip;
import id.pantau.ingest.config.Pacing;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pantau's decode rate beside FFmpeg's own on the same file: the real ingest worker reads the file as fast as it
 * can (FAST pacing, no loop) with its usual sampling, queue and evidence ring, and the rate is frames decoded over
 * the wall time from start to end of file - the same span FFmpeg's {@code rtime} covers. Alternating repetitions,
 * median of each.
 */
public final class DecodeComparison {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    /**
     * Frames per second: ours through the ingest worker, FFmpeg's command line decoding every frame, and FFmpeg
     * skipping non-reference frames as the camera does ({@code NaN} when the camera decodes every frame). All three
     * are the clip's full frame count over the wall time taken to get through it.
     */
    public record Rates(double ingestFps, double ffmpegFps, boolean skipsNonRef, double ffmpegSameWorkFps,
                        double ingestCpuSecondsPerStreamSecond) {
        public double ratio() {
            return ingestFps / ffmpegFps;
        }

        public double sameWorkRatio() {
            return skipsNonRef ? ingestFps / ffmpegSameWorkFps : ratio();
        }
    }

    private DecodeComparison() {
    }

    public static Rates measure(Path clip, double analysisFps, FfmpegReference ffmpeg, int threads, int repetitions)
            throws IOException, InterruptedException {
        return measure(clip, analysisFps, ffmpeg, threads, repetitions, true, DecodeSkip.AUTO);
    }

    /**
     * Our rate is the clip's frame count (as FFmpeg counts it) over our wall time: the time to get through the same
     * file, so a reader that skips frames it does not need is credited with the frames it got through.
     */
    public static Rates measure(Path clip, double analysisFps, FfmpegReference ffmpeg, int threads, int repetitions,
                                boolean evidenceRing, DecodeSkip skip)
            throws IOException, InterruptedException {
        ingestDecode(clip, analysisFps, evidenceRing, skip, threads); // warm-up: native libraries, JIT
        List<Double> cpuPerStreamSecond = new ArrayList<>();
        boolean skips = source(clip, analysisFps, Pacing.FAST, evidenceRing, skip).skipsNonReferenceFrames();
        List<Double> ours = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> sameWork = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            FfmpegReference.Run ref;
            FfmpegReference.Run run;
            long cpu0;
            long cpu1;
            if (r % 2 == 0) {
                cpu0 = ResourceSampler.processCpuNanos();
                run = ingestDecode(clip, analysisFps, evidenceRing, skip, threads);
                cpu1 = ResourceSampler.processCpuNanos();
                ref = ffmpeg.decode(clip, threads);
            } else {
                ref = ffmpeg.decode(clip, threads);
                cpu0 = ResourceSampler.processCpuNanos();
                run = ingestDecode(clip, analysisFps, evidenceRing, skip, threads);
                cpu1 = ResourceSampler.processCpuNanos();
            }
            // what one camera's reader (demux, decode, sampling, BGR + luma, ring JPEGs) costs per second of stream
            double streamSeconds = ref.frames() / lastSourceFps;
            cpuPerStreamSecond.add((cpu1 - cpu0) / 1e9 / streamSeconds);
            reference.add(ref.fps());
            ours.add(ref.frames() / run.wallSeconds());
            if (skips) {
                sameWork.add(ref.frames() / ffmpeg.decode(clip, threads, true).wallSeconds());
            }
        }
        return new Rates(Stats.median(ours), Stats.median(reference), skips,
                skips ? Stats.median(sameWork) : Double.NaN, Stats.median(cpuPerStreamSecond));
    }

    /** The source frame rate of the last pass (for CPU per second of stream). */
    private static volatile double lastSourceFps = 30;

    private static CameraSource source(Path clip, double analysisFps, Pacing pacing, boolean evidenceRing,
                                       DecodeSkip skip) {
        return source(clip, analysisFps, pacing, evidenceRing, skip, CameraSource.DEFAULT_DECODE_THREADS);
    }

    private static CameraSource source(Path clip, double analysisFps, Pacing pacing, boolean evidenceRing,
                                       DecodeSkip skip, int threads) {
        return PipelineRun.camera("decode-bench", clip.toAbsolutePath().toString(), analysisFps, pacing, false,
                evidenceRing, skip, threads);
    }

    /** One pass of the ingest worker over the file: frames decoded and wall seconds. */
    public static FfmpegReference.Run ingestDecode(Path clip, double analysisFps) throws InterruptedException {
        return ingestDecode(clip, analysisFps, true, DecodeSkip.AUTO);
    }

    /** One pass of the ingest worker over the file, as fast as it goes: frames decoded and wall seconds. */
    public static FfmpegReference.Run ingestDecode(Path clip, double analysisFps, boolean evidenceRing,
                                                   DecodeSkip skip)
            throws InterruptedException {
        return ingestDecode(clip, analysisFps, evidenceRing, skip, CameraSource.DEFAULT_DECODE_THREADS);
    }

    /** As above with the cameras' decoder threads. */
    public static FfmpegReference.Run ingestDecode(Path clip, double analysisFps, boolean evidenceRing,
                                                   DecodeSkip skip, int threads)
            throws InterruptedException {
        CameraSource source = source(clip, analysisFps, Pacing.FAST, evidenceRing, skip, threads);
        try (IngestManager ingest = new IngestManager(List.of(source), new SimpleMeterRegistry())) {
            CameraWorker feed = ingest.cameras().getFirst();
            Thread drain = Thread.ofPlatform().daemon().name("decode-bench-drain").start(() -> {
                // the analysis queue is emptied as a consumer would, so drops do not add work
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        feed.release(feed.queue().take());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            ingest.start();
            long deadline = t0 + LIMIT.toNanos();
            while (!(feed.state() instanceof CameraState.Finished)) {
                if (feed.state() instanceof CameraState.Down down) {
                    throw new IllegalStateException("could not decode " + clip + ": " + down.reason());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("decoding " + clip + " took over " + LIMIT);
                }
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (feed.facts() != null && feed.facts().fps() > 0) {
                lastSourceFps = feed.facts().fps();
            }
            drain.interrupt();
            return new FfmpegReference.Run(feed.framesDecoded(), seconds);
        }
    }
}
