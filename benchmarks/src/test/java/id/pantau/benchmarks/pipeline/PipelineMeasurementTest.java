package id.pantau.benchmarks.pipeline;

import id.pantau.core.asset.Assets;
import id.pantau.core.frame.VideoFrame;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.StagedInference;
import id.pantau.detect.inference.RawOutput;
import id.pantau.detect.preprocess.PixelRegion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bench's measurements on the real parts, kept short: what they count must be right, whatever the speed
 * (speed itself is never asserted). The road clip is 640x352, the cheapest real footage.
 */
class PipelineMeasurementTest {
    static final String ROAD = "videos/ahmetozlu_vehicle_survaillance_road_38s.mp4";
    static StageFixtures fixtures;
    static Path model;
    static Path clip;

    @BeforeAll
    static void load() {
        model = Assets.defaults().model("yolox_nano").path();
        clip = Assets.defaults().data(ROAD);
        fixtures = StageFixtures.load(model, clip, 6, 5, DetectorSettings.forTracking(1, 2));
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    @Test
    void theBareOrtReferenceSeesTheIdenticalInputAndGivesTheDetectorsOutput() {
        OnnxDetector d = fixtures.detector;
        VideoFrame f = fixtures.frames.get(3);
        StagedInference slot = d.staged();
        try (BareOrtSession bare = new BareOrtSession(model, 1, new long[] {1, 3, d.inputHeight(), d.inputWidth()})) {
            slot.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
            RawOutput ours = slot.infer();
            FloatBuffer reference = bare.output(slot.inputTensor());
            assertThat(ours.data()).hasSize(reference.remaining()).hasSize(3549 * 85);
            float maxDiff = 0;
            for (int i = 0; i < ours.data().length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours.data()[i] - reference.get(i)));
            }
            assertThat(maxDiff).isLessThan(1e-3f);
        } finally {
            slot.close();
        }
        InferenceComparison.Rates rates = InferenceComparison.measure(d, model, 1, f, 3, 2);
        assertThat(rates.detectorFps()).isPositive();
        assertThat(rates.bareOrtFps()).isPositive();
        assertThat(rates.ratio()).isEqualTo(rates.detectorFps() / rates.bareOrtFps());
    }

    @Test
    void theIngestDecodesWhatFfmpegDecodesSkippingOnlyNonReferenceFrames() throws Exception {
        FfmpegReference reference = new FfmpegReference("ffmpeg");
        FfmpegReference.Run every = reference.decode(clip, 0);
        FfmpegReference.Run referenceOnly = reference.decode(clip, 0, true);
        assertThat(referenceOnly.frames()).isPositive().isLessThanOrEqualTo(every.frames());
        // at 5 fps the camera skips non-reference frames: it decodes what FFmpeg does with -skip_frame nonref
        FfmpegReference.Run ours = DecodeComparison.ingestDecode(clip, 5);
        assertThat(ours.frames()).isCloseTo(referenceOnly.frames(), within(2L));
        assertThat(ours.wallSeconds()).isPositive();
        // at 15 fps it decodes every frame
        FfmpegReference.Run all = DecodeComparison.ingestDecode(clip, 15);
        assertThat(all.frames()).isCloseTo(every.frames(), within(2L));
    }

    @Test
    void aShortRunCountsAnalysedFramesLatencyCpuAndMemory() throws Exception {
        PipelineRun.Result r = PipelineRun.run(new PipelineRun.Config(clip, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(3), 5, false), fixtures.detector, FrameAnalytics.engine(new SimpleMeterRegistry()));
        BenchReport.SweepPoint p = r.point();
        assertThat(p.cameras()).isEqualTo(1);
        assertThat(p.targetFps()).isEqualTo(5);
        assertThat(p.analysedFps()).isPositive();
        assertThat(p.latencyMs().p50()).isPositive().isLessThanOrEqualTo(p.latencyMs().p95());
        assertThat(p.latencyMs().p95()).isLessThanOrEqualTo(p.latencyMs().p99());
        assertThat(p.framesDropped()).isEqualTo(r.queueDrops() + r.busyDrops());
        assertThat(p.heldRate()).isEqualTo(p.framesDropped() == 0
                && p.analysedFps() >= PipelineRun.RATE_SLACK * p.targetFps());
        assertThat(p.cpuSecondsPerCameraSecond()).isPositive();
        assertThat(p.motionSkippedRatio()).isBetween(0.0, 1.0);
        assertThat(p.peakMemoryBytes()).isGreaterThan(50L << 20);
        // the camera decodes the 24 fps clip in real time, every frame, while analysing 5 of them per second
        assertThat(r.decodedFps()).isGreaterThan(p.analysedFps());
    }

    @Test
    void theStageProfileTimesEveryHotStage() {
        Map<String, Double> ms = new StageProfiler(fixtures, FrameAnalytics.engine(new SimpleMeterRegistry()), 1)
                .profile();
        assertThat(ms).containsOnlyKeys(StageProfiler.MOTION_GATE, StageProfiler.PREPROCESS, StageProfiler.INFERENCE, StageProfiler.POSTPROCESS,
                StageProfiler.TRACKING, StageProfiler.ANALYTICS, StageProfiler.JSON);
        assertThat(ms.values()).allSatisfy(v -> assertThat(v).isPositive().isFinite());
    }
}
