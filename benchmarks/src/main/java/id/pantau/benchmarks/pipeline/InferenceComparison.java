package id.pantau.benchmarks.pipeline;

import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.StagedInference;
import id.pantau.detect.preprocess.PixelRegion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our detector's inference rate beside a bare ONNX Runtime session's, on the identical letterboxed tensor, in
 * alternating repetitions so both see the same machine weather. Each rate is the median over repetitions.
 */
public final class InferenceComparison {
    /** Rates in inferences per second, one at a time on one thread. */
    public record Rates(double detectorFps, double bareOrtFps) {
        public double ratio() {
            return detectorFps / bareOrtFps;
        }
    }

    private InferenceComparison() {
    }

    private static double rate(Runnable inference, int runs) {
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            inference.run();
        }
        return runs / ((System.nanoTime() - t0) / 1e9);
    }

    public static Rates measure(OnnxDetector detector, Path model, int intraOpThreads, VideoFrame frame,
                                int runsPerRepetition, int repetitions) {
        StagedInference slot = detector.staged();
        try (BareOrtSession bare = new BareOrtSession(model, intraOpThreads,
                new long[] {1, 3, detector.inputHeight(), detector.inputWidth()})) {
            slot.preprocess(frame.pixels(), frame.width(), frame.height(),
                    PixelRegion.whole(frame.width(), frame.height()));
            var tensor = slot.inputTensor();
            for (int i = 0; i < 10; i++) {   // warm both up
                slot.infer();
                bare.run(tensor);
            }
            List<Double> ours = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            for (int r = 0; r < repetitions; r++) {
                // alternate which goes first, so a slow spell does not always hit the same one
                if (r % 2 == 0) {
                    ours.add(rate(() -> slot.infer(), runsPerRepetition));
                    reference.add(rate(() -> bare.run(tensor), runsPerRepetition));
                } else {
                    reference.add(rate(() -> bare.run(tensor), runsPerRepetition));
                    ours.add(rate(() -> slot.infer(), runsPerRepetition));
                }
            }
            return new Rates(Stats.median(ours), Stats.median(reference));
        } finally {
            slot.close();
        }
    }
}
