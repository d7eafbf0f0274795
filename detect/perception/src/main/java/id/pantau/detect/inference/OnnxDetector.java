package id.pantau.detect.inference;

import id.pantau.detect.runtime.ExecutionProvider;

import id.pantau.detect.runtime.DjlRuntime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.DetectorSetupException;
import id.pantau.detect.model.RoadUserMapping;
import id.pantau.detect.postprocess.Candidate;
import id.pantau.detect.postprocess.Nms;
import id.pantau.detect.postprocess.OutputDecoder;
import id.pantau.detect.preprocess.Letterbox;
import id.pantau.detect.preprocess.LetterboxPreprocessor;
import id.pantau.detect.preprocess.PixelRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A YOLO-family detector on Deep Java Library's ONNX Runtime engine, loaded from a local file only.
 *
 * <p>Thread-safe: one ONNX Runtime session is shared; each concurrent inference borrows a {@link Slot} (a DJL
 * Predictor, which is not thread-safe, plus its own pre-processor and reusable direct input buffer) from a bounded
 * pool, so at most {@link DetectorSettings#concurrency()} inferences run at once and callers beyond that wait.
 *
 * <p>Batching: when the model's input takes a dynamic batch ({@code [N, 3, H, W]}, read from the ONNX Runtime
 * session), {@link #detectAll} letterboxes each frame on its own, runs up to {@link DetectorSettings#maxBatch()}
 * of them as one inference and decodes each frame's rows of the output as {@link #detect} would, so the detections
 * are the same. A model fixed at batch 1 (the shipped yolox_nano) runs the frames one by one;
 * {@code id.pantau.detect.export.DynamicBatchExport} derives a dynamic copy of it.
 *
 * <p>{@link #staged()} lends one slot step by step, for profilers that time the stages apart.
 */
public final class OnnxDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxDetector.class);

    private final DetectorModelSpec spec;
    private final Model model;
    private final OrtSession.SessionOptions sessionOptions;
    private final int inputWidth;
    private final int inputHeight;
    private final OutputDecoder decoder;
    private final Nms nms;
    private final BlockingQueue<Slot> slots;
    private final List<Slot> allSlots = new ArrayList<>();
    private final int maxBatch;
    private final LongAdder inferences = new LongAdder();

    /** One inference at a time: a DJL Predictor with its own input buffer. */
    static final class Slot implements AutoCloseable {
        private final Predictor<NDList, NDList> predictor;
        private final LetterboxPreprocessor preprocessor;
        private final Shape inputShape;
        /** Created on the first batched inference: a detector that never batches keeps no batch buffer. */
        private BatchInput batch;

        Slot(Predictor<NDList, NDList> predictor, LetterboxPreprocessor preprocessor, Shape inputShape) {
            this.predictor = predictor;
            this.preprocessor = preprocessor;
            this.inputShape = inputShape;
        }

        LetterboxPreprocessor preprocessor() {
            return preprocessor;
        }

        private BatchInput batch(int capacity) {
            if (batch == null) {
                batch = new BatchInput(capacity, preprocessor.inputHeight(), preprocessor.inputWidth());
            }
            batch.clear();
            return batch;
        }

        @Override
        public void close() {
            predictor.close();
            preprocessor.close();
        }
    }

    private OnnxDetector(DetectorModelSpec spec, Model model, OrtSession.SessionOptions sessionOptions,
                         int inputWidth, int inputHeight, OutputDecoder decoder, Nms nms, int concurrency,
                         int maxBatch) {
        this.spec = spec;
        this.model = model;
        this.sessionOptions = sessionOptions;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.decoder = decoder;
        this.nms = nms;
        this.maxBatch = maxBatch;
        this.slots = new ArrayBlockingQueue<>(concurrency);
        Shape shape = new Shape(1, 3, inputHeight, inputWidth);
        for (int i = 0; i < concurrency; i++) {
            Slot s = new Slot(model.newPredictor(new NoopTranslator()),
                    new LetterboxPreprocessor(inputWidth, inputHeight, spec.family()), shape);
            allSlots.add(s);
            slots.add(s);
        }
    }

    /**
     * Loads the model and checks its output fits the configured family (one warm-up inference).
     *
     * @throws DetectorSetupException with a message naming the file and the problem
     */
    public static OnnxDetector open(DetectorModelSpec spec, DetectorSettings settings) {
        Path file = spec.path();
        if (!Files.isRegularFile(file)) {
            throw new DetectorSetupException("model " + spec.name() + ": file " + file.toAbsolutePath()
                    + " does not exist or is not a file; check the model path in the configuration or the manifest");
        }
        // DJL's engine must create the ONNX Runtime environment before anything else touches it (RECIPES.md 4)
        DjlRuntime.initEngine();
        OrtSession.SessionOptions options = sessionOptions(spec, settings);
        Model model = Model.newInstance(spec.name(), Device.cpu(), DjlRuntime.ENGINE);
        try {
            model.load(file, null, Map.of("sessionOptions", options));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            options.close();
            throw new DetectorSetupException("model " + spec.name() + ": " + file.toAbsolutePath()
                    + " could not be loaded as an ONNX model (" + rootMessage(e)
                    + "); check that the file is a complete .onnx export (compare its sha256 with the manifest)", e);
        }
        try {
            long[] dims = OrtInputShape.of(model).orElse(new long[] {1, 3, -1, -1});
            if (dims.length != 4 || (dims[1] != 3 && dims[1] > 0)) {
                throw new DetectorSetupException("model " + spec.name() + ": " + file.toAbsolutePath()
                        + " takes an input of " + java.util.Arrays.toString(dims)
                        + ", a detector needs an image tensor [1, 3, H, W]");
            }
            // ONNX Runtime reports a symbolic dimension ("N", "batch") as -1: such a model takes any number of images
            int maxBatch = dims[0] < 0 ? settings.maxBatch() : 1;
            if (dims[0] >= 0 && settings.maxBatch() > 1) {
                // said, not silent: the setting asks for batches this model cannot take
                LOG.warn("detector {}: max batch {} ignored, the model's input is fixed at batch {} (frames run one"
                        + " by one); export a dynamic-batch copy (DynamicBatchExport) to batch", spec.name(),
                        settings.maxBatch(), dims[0]);
            }
            int h = dims[2] > 0 ? (int) dims[2] : spec.inputSize();
            int w = dims[3] > 0 ? (int) dims[3] : spec.inputSize();
            RoadUserMapping mapping = RoadUserMapping.forClassNames(spec.classNames(), settings.trainIsBus(),
                    settings.thresholds());
            OutputDecoder decoder = OutputDecoder.of(spec.family(), w, h, mapping);
            Nms nms = new Nms(settings.nmsIou(), settings.crossClassIou(), 1.01f);
            OnnxDetector d = new OnnxDetector(spec, model, options, w, h, decoder, nms, settings.concurrency(),
                    maxBatch);
            try {
                d.checkOutputShape();
                if (maxBatch > 1) {
                    d.checkBatch();
                }
            } catch (RuntimeException e) {
                d.allSlots.forEach(Slot::close); // model and options are closed below
                throw e;
            }
            LOG.info("detector {} loaded from {}: family {}, input {}x{}, provider {}, {} x {} threads, {}",
                    spec.name(), file, spec.family(), w, h, settings.provider(), settings.concurrency(),
                    settings.intraOpThreads(), maxBatch > 1 ? "batches of up to " + maxBatch + " frames"
                            : dims[0] < 0 ? "batching off" : "batch fixed at " + dims[0] + " (frames run one by one)");
            return d;
        } catch (RuntimeException e) {
            model.close();
            options.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(DetectorModelSpec spec, DetectorSettings settings) {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(settings.intraOpThreads());
            o.setInterOpNumThreads(1);
            if (settings.provider() == ExecutionProvider.CUDA) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new DetectorSetupException("model " + spec.name()
                            + ": the CUDA execution provider was requested but this ONNX Runtime build has only "
                            + OrtEnvironment.getAvailableProviders()
                            + "; build with 'mvn -Pgpu' (onnxruntime_gpu) on a machine with CUDA 12 and cuDNN 9,"
                            + " or set the detector provider to cpu");
                }
                o.addCUDA(settings.cudaDevice());
            }
            return o;
        } catch (OrtException e) {
            o.close();
            throw new DetectorSetupException("model " + spec.name() + ": could not configure ONNX Runtime for "
                    + settings.provider() + " (" + e.getMessage() + ")", e);
        } catch (DetectorSetupException e) {
            o.close();
            throw e;
        }
    }

    private void checkOutputShape() {
        Slot slot = borrow();
        try {
            blank(slot.preprocessor.tensor());
            RawOutput out = infer(slot);
            String problem = decoder.shapeProblem(out.shape());
            if (problem != null) {
                throw new DetectorSetupException("model " + spec.name() + ": " + spec.path().toAbsolutePath()
                        + " does not look like a " + spec.family() + " detector: " + problem
                        + "; pick the right family for this model in the configuration (yolox, yolov8, yolo11)"
                        + " or check its class list in the manifest");
            }
        } finally {
            release(slot);
        }
    }

    /**
     * A model can declare a dynamic batch yet still tie it to 1 inside (a Reshape to {@code [1, ...]}): a batch of
     * two blank images at load shows that before the first camera frame does.
     */
    private void checkBatch() {
        Slot slot = borrow();
        try {
            BatchInput batch = slot.batch(maxBatch);
            blank(slot.preprocessor.tensor());
            batch.add(slot.preprocessor.tensor());
            batch.add(slot.preprocessor.tensor());
            RawOutput out;
            try {
                out = infer(slot, batch);
            } catch (IllegalStateException e) {
                throw notBatchable("it fails on a batch of 2 (" + rootMessage(e) + ")", e);
            }
            String problem = decoder.shapeProblem(out.frameShape());
            if (out.frames() != 2 || problem != null) {
                throw notBatchable("a batch of 2 gives an output of " + java.util.Arrays.toString(out.shape()), null);
            }
        } finally {
            release(slot);
        }
    }

    private DetectorSetupException notBatchable(String why, Exception cause) {
        return new DetectorSetupException("model " + spec.name() + ": " + spec.path().toAbsolutePath()
                + " declares a dynamic batch but " + why + "; derive the dynamic copy again with DynamicBatchExport"
                + " (it checks a batch of 2), or set the detector's max batch to 1", cause);
    }

    private static void blank(FloatBuffer t) {
        t.clear();
        while (t.hasRemaining()) {
            t.put(0f);
        }
        t.flip();
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        return detect(frame, PixelRegion.whole(frame.width(), frame.height()));
    }

    /** Detects in one region of the frame (a tile); boxes are still in whole-frame pixels. */
    public List<Detection> detect(VideoFrame frame, PixelRegion region) {
        Slot slot = borrow();
        try {
            Letterbox lb = preprocess(slot, frame.pixels(), frame.width(), frame.height(), region);
            return toDetections(nms(decode(infer(slot))), lb);
        } finally {
            release(slot);
        }
    }

    /**
     * Detects in several frames (one per camera, say); results in the order of {@code frames}, each exactly what
     * {@link #detect(VideoFrame)} gives for that frame. With a dynamic-batch model the frames run in batches of up to
     * {@link #maxBatch()} on one slot; otherwise one by one.
     */
    @Override
    public List<List<Detection>> detectAll(List<VideoFrame> frames) {
        if (maxBatch == 1 || frames.size() < 2) {
            return Detector.super.detectAll(frames);
        }
        List<List<Detection>> out = new ArrayList<>(frames.size());
        Slot slot = borrow();
        try {
            for (int from = 0; from < frames.size(); from += maxBatch) {
                out.addAll(detectBatch(slot, frames.subList(from, Math.min(frames.size(), from + maxBatch))));
            }
        } finally {
            release(slot);
        }
        return out;
    }

    /** One inference for up to {@link #maxBatch()} frames: per-frame letterbox in, per-frame decode and NMS out. */
    private List<List<Detection>> detectBatch(Slot slot, List<VideoFrame> frames) {
        BatchInput batch = slot.batch(maxBatch);
        List<Letterbox> letterboxes = new ArrayList<>(frames.size());
        for (VideoFrame f : frames) {
            letterboxes.add(preprocess(slot, f.pixels(), f.width(), f.height(), PixelRegion.whole(f.width(),
                    f.height())));
            batch.add(slot.preprocessor.tensor());
        }
        RawOutput out = infer(slot, batch);
        long[] frameShape = out.frameShape();
        List<List<Detection>> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            List<Candidate> candidates = decoder.decode(out.frame(i), frameShape);
            result.add(toDetections(nms(candidates), letterboxes.get(i)));
        }
        return result;
    }

    /** Fills the slot's input tensor from a region of a packed BGR24 image. */
    Letterbox preprocess(Slot slot, ByteBuffer bgr, int width, int height, PixelRegion region) {
        return slot.preprocessor.prepare(bgr, width, height, region);
    }

    /** Runs the model on the slot's input tensor. */
    RawOutput infer(Slot slot) {
        return run(slot, slot.preprocessor.tensor(), slot.inputShape);
    }

    /** Runs the model on a batch of images; the output's first dimension is the batch's image count. */
    RawOutput infer(Slot slot, BatchInput batch) {
        return run(slot, batch.tensor(), batch.shape());
    }

    private RawOutput run(Slot slot, FloatBuffer input, Shape shape) {
        inferences.increment();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray in = manager.create(input, shape);
            NDList out = slot.predictor.predict(new NDList(in));
            try {
                return RawOutput.read(out.get(0));
            } finally {
                out.close();
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("model " + spec.name() + ": inference failed: " + rootMessage(e), e);
        }
    }

    List<Candidate> decode(RawOutput out) {
        return decoder.decode(out.data(), out.shape());
    }

    List<Candidate> nms(List<Candidate> candidates) {
        return nms.apply(candidates);
    }

    /** Maps candidates from model-input pixels back to source pixels. */
    List<Detection> toDetections(List<Candidate> candidates, Letterbox lb) {
        List<Detection> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            var box = lb.toSource(c.x1(), c.y1(), c.x2(), c.y2());
            if (box.width() >= 1 && box.height() >= 1) {
                out.add(new Detection(c.roadUser(), spec.classNames().get(c.classId()), c.score(), box));
            }
        }
        return out;
    }

    /** One slot, stage by stage (see {@link StagedInference}); close it to give the slot back. */
    public StagedInference staged() {
        return new StagedInference(this);
    }

    /** Borrows an inference slot, waiting while all are busy; always {@link #release} it. */
    Slot borrow() {
        try {
            return slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free detector slot", e);
        }
    }

    void release(Slot slot) {
        slots.add(slot);
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
    }

    /**
     * Most frames {@link #detectAll} puts in one inference: {@link DetectorSettings#maxBatch()} when the model takes
     * a dynamic batch, 1 when it is fixed at batch 1 (frames then run one by one).
     */
    public int maxBatch() {
        return maxBatch;
    }

    /** Whether {@link #detectAll} runs several frames per inference. */
    public boolean batched() {
        return maxBatch > 1;
    }

    /** Model runs so far (the checks at load included): a batch counts once. */
    public long inferences() {
        return inferences.sum();
    }

    public DetectorModelSpec spec() {
        return spec;
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public void close() {
        allSlots.forEach(Slot::close);
        model.close();
        sessionOptions.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip();
    }
}
