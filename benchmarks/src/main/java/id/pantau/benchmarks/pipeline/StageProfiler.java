package id.pantau.benchmarks.pipeline;

import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.StagedInference;
import id.pantau.detect.inference.RawOutput;
import id.pantau.detect.motion.MotionGate;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.PixelRegion;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Times each hot stage on the fixture frames, one frame after another on one thread, and reports milliseconds
 * per frame as the median over repetitions. The motion gate and pre-processing get the frames as ingest delivers
 * them today (heap arrays), so their figures include the copy into direct memory the pipeline pays. A quick in-process profile for the bench report; the JMH benchmarks
 * measure the same stages with forks, warm-up and allocation profiles.
 */
public final class StageProfiler {
    public static final String MOTION_GATE = "motion_gate";
    public static final String PREPROCESS = "preprocess";
    public static final String INFERENCE = "inference";
    public static final String POSTPROCESS = "postprocess";
    public static final String TRACKING = "tracking";
    public static final String ANALYTICS = "analytics";
    public static final String JSON = "json_encoding";

    private final StageFixtures fx;
    private final FrameAnalytics.Factory analytics;
    private final int repetitions;

    public StageProfiler(StageFixtures fixtures, FrameAnalytics.Factory analytics, int repetitions) {
        this.fx = fixtures;
        this.analytics = analytics;
        this.repetitions = Math.max(1, repetitions);
    }

    /** Milliseconds per frame for each stage, in pipeline order. */
    public Map<String, Double> profile() {
        OnnxDetector d = fx.detector;
        List<VideoFrame> frames = fx.frames;
        int n = frames.size();
        // the frames as ingest hands them over today: BGR in a heap array (the stages copy it to direct memory)
        List<VideoFrame> heapFrames = frames.stream().map(f -> new VideoFrame(f.camera(), f.sequence(),
                f.captureTime(), f.streamTimeMicros(), f.width(), f.height(), ByteBuffer.wrap(f.toByteArray())))
                .toList();
        Map<String, Double> out = new LinkedHashMap<>();
        // as the pipelines run them: each OpenCV call on its caller's thread
        id.pantau.detect.stage.NativeThreads.oneOpenCvThreadPerCaller();
        List<MotionGate> gates = new ArrayList<>();
        // the gate gets the frames as ingest delivers them now: with the decoder's luma plane already scaled down
        // (ingest pays for that copy, in its own CPU figure)
        List<VideoFrame> withLuma = frames.stream().map(StageProfiler::withLuma).toList();
        out.put(MOTION_GATE, timeSequence(n, () -> {
            MotionGate gate = new MotionGate(MotionSettings.defaults());
            gates.add(gate);
            return i -> gate.needsDetection(withLuma.get(i));
        }));
        gates.forEach(MotionGate::close);
        StagedInference slot = d.staged();
        try {
            Letterbox[] lbs = new Letterbox[n];
            RawOutput[] raws = new RawOutput[n];
            // fill the per-frame inputs of the later stages once (and warm every path up)
            for (int i = 0; i < n; i++) {
                VideoFrame f = frames.get(i);
                lbs[i] = slot.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
                raws[i] = slot.infer();
                slot.postprocess(raws[i], lbs[i]);
            }
            out.put(PREPROCESS, time(n, i -> {
                VideoFrame f = heapFrames.get(i);
                slot.preprocess(f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(), f.height()));
            }));
            out.put(INFERENCE, time(n, i -> slot.infer()));
            out.put(POSTPROCESS, time(n, i -> slot.postprocess(raws[i], lbs[i])));
        } finally {
            slot.close();
        }
        List<TrackedFrame> tracked = new ArrayList<>(n);
        ByteTracker warm = new ByteTracker(TrackerSettings.defaults());
        for (int i = 0; i < n; i++) {
            VideoFrame f = frames.get(i);
            List<TrackedObject> objs = warm.update(fx.detections.get(i));
            tracked.add(new TrackedFrame(f.camera(), f.sequence(), f.captureTime(), f.width(), f.height(), objs, true));
        }
        out.put(TRACKING, timeSequence(n, () -> {
            ByteTracker t = new ByteTracker(TrackerSettings.defaults());
            return i -> t.update(fx.detections.get(i));
        }));
        VideoFrame first = frames.getFirst();
        out.put(ANALYTICS, timeSequence(n, () -> {
            FrameAnalytics a = analytics.forCamera(first.camera().value(), first.width(), first.height(), 5);
            return i -> a.analyse(tracked.get(i), frames.get(i));
        }));
        EventCodec codec = new EventCodec();
        PipelineEvent event = SampleEvents.lineCrossing();
        out.put(JSON, time(2000, i -> codec.encode(event)));
        return out;
    }

    /** The frame with a 320 px grey copy attached, as the camera reader attaches the decoder's Y plane. */
    static VideoFrame withLuma(VideoFrame f) {
        int sw = Math.min(320, f.width());
        int sh = Math.max(1, (int) Math.round((double) f.height() * sw / f.width()));
        ByteBuffer grey = ByteBuffer.allocateDirect(sw * sh);
        try (org.bytedeco.javacpp.BytePointer src = new org.bytedeco.javacpp.BytePointer(
                        ByteBuffer.allocateDirect(f.byteSize()).put(f.pixels()).flip());
             org.bytedeco.opencv.opencv_core.Mat bgr = new org.bytedeco.opencv.opencv_core.Mat(f.height(), f.width(),
                     org.bytedeco.opencv.global.opencv_core.CV_8UC3, src);
             org.bytedeco.opencv.opencv_core.Mat small = new org.bytedeco.opencv.opencv_core.Mat();
             org.bytedeco.javacpp.BytePointer dst = new org.bytedeco.javacpp.BytePointer(grey);
             org.bytedeco.opencv.opencv_core.Mat out = new org.bytedeco.opencv.opencv_core.Mat(sh, sw,
                     org.bytedeco.opencv.global.opencv_core.CV_8UC1, dst);
             org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(sw, sh)) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(bgr, small, size, 0, 0,
                    org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA);
            org.bytedeco.opencv.global.opencv_imgproc.cvtColor(small, out,
                    org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
        }
        return new VideoFrame(f.camera(), f.sequence(), f.captureTime(), f.streamTimeMicros(), f.width(), f.height(),
                f.bgr(), new id.pantau.core.frame.GreyPlane(sw, sh, grey));
    }

    private double time(int n, IntConsumer stage) {
        return timeSequence(n, () -> stage);
    }

    /**
     * Fresh stage instance per repetition (stateful stages: tracker, analytics, motion gate), fed the frames in
     * order; one untimed pass first so the JIT and native libraries are warm.
     */
    private double timeSequence(int n, java.util.function.Supplier<IntConsumer> fresh) {
        List<Double> perRep = new ArrayList<>();
        for (int r = -1; r < repetitions; r++) {
            IntConsumer stage = fresh.get();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                stage.accept(i);
            }
            if (r >= 0) {
                perRep.add((System.nanoTime() - t0) / 1e6 / n);
            }
        }
        return Stats.median(perRep);
    }
}
