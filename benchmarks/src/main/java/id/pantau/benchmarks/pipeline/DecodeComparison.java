package id.pantau.benchmarks.pipeline;

import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
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

    /** Frames per second: ours through the ingest worker, FFmpeg's command line. */
    public record Rates(double ingestFps, double ffmpegFps) {
        public double ratio() {
            return ingestFps / ffmpegFps;
        }
    }

    private DecodeComparison() {
    }

    public static Rates measure(Path clip, double analysisFps, FfmpegReference ffmpeg, int threads, int repetitions)
            throws IOException, InterruptedException {
        ingestDecode(clip, analysisFps); // warm-up: native libraries, JIT
        List<Double> ours = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            if (r % 2 == 0) {
                ours.add(ingestDecode(clip, analysisFps).fps());
                reference.add(ffmpeg.decode(clip, threads).fps());
            } else {
                reference.add(ffmpeg.decode(clip, threads).fps());
                ours.add(ingestDecode(clip, analysisFps).fps());
            }
        }
        return new Rates(Stats.median(ours), Stats.median(reference));
    }

    /** One pass of the ingest worker over the file: frames decoded and wall seconds. */
    public static FfmpegReference.Run ingestDecode(Path clip, double analysisFps) throws InterruptedException {
        CameraSource source = CameraSource.builder("decode-bench", clip.toAbsolutePath().toString())
                .pacing(Pacing.FAST).loop(false).analysisFps(analysisFps).build();
        try (IngestManager ingest = new IngestManager(List.of(source), new SimpleMeterRegistry())) {
            CameraWorker worker = ingest.cameras().getFirst();
            Thread drain = Thread.ofPlatform().daemon().name("decode-bench-drain").start(() -> {
                // the analysis queue is emptied as a consumer would, so drops do not add work
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        worker.queue().take();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            ingest.start();
            long deadline = t0 + LIMIT.toNanos();
            while (true) {
                CameraState s = worker.state();
                if (s instanceof CameraState.Finished) {
                    break;
                }
                if (s instanceof CameraState.Down d) {
                    throw new IllegalStateException("ingest could not decode " + clip + ": " + d.reason());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest took over " + LIMIT + " to decode " + clip);
                }
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            drain.interrupt();
            return new FfmpegReference.Run(worker.framesDecoded(), seconds);
        }
    }
}
