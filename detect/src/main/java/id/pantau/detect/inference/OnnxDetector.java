package id.pantau.detect.inference;

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

/**
 * A YOLO-family detector on Deep Java Library's ONNX Runtime engine, loaded from a local file only.
 *
 * <p>Thread-safe: one ONNX Runtime session is shared; each concurrent inference borrows a {@link Slot} (a DJL
 * Predictor, which is not thread-safe, plus its own pre-processor and reusable direct input buffer) from a bounded
 * pool, so at most {@link DetectorSettings#concurrency()} inferences run at once and callers beyond that wait.
 *
 * <p>The stages are separately callable for benchmarks: {@link #preprocess}, {@link #infer}, {@link #decode},
 * {@link #nms} and {@link #toDetections}.
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

    /** One inference at a time: a DJL Predictor with its own input buffer. */
    public static final class Slot implements AutoCloseable {
        private final Predictor<NDList, NDList> predictor;
        private final LetterboxPreprocessor preprocessor;
        private final Shape inputShape;

        Slot(Predictor<NDList, NDList> predictor, LetterboxPreprocessor preprocessor, Shape inputShape) {
            this.predictor = predictor;
            this.preprocessor = preprocessor;
            this.inputShape = inputShape;
        }

        public LetterboxPreprocessor preprocessor() {
            return preprocessor;
        }

        @Override
        public void close() {
            predictor.close();
            preprocessor.close();
        }
    }

    private OnnxDetector(DetectorModelSpec spec, Model model, OrtSession.SessionOptions sessionOptions,
                         int inputWidth, int inputHeight, OutputDecoder decoder, Nms nms, int concurrency) {
        this.spec = spec;
        this.model = model;
        this.sessionOptions = sessionOptions;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.decoder = decoder;
        this.nms = nms;
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
            int h = dims[2] > 0 ? (int) dims[2] : spec.inputSize();
            int w = dims[3] > 0 ? (int) dims[3] : spec.inputSize();
            RoadUserMapping mapping = RoadUserMapping.forClassNames(spec.classNames(), settings.trainIsBus(),
                    settings.thresholds());
            OutputDecoder decoder = OutputDecoder.of(spec.family(), w, h, mapping);
            Nms nms = new Nms(settings.nmsIou(), settings.crossClassIou(), 1.01f);
            OnnxDetector d = new OnnxDetector(spec, model, options, w, h, decoder, nms, settings.concurrency());
            try {
                d.checkOutputShape();
            } catch (RuntimeException e) {
                d.allSlots.forEach(Slot::close); // model and options are closed below
                throw e;
            }
            LOG.info("detector {} loaded from {}: family {}, input {}x{}, provider {}, {} x {} threads",
                    spec.name(), file, spec.family(), w, h, settings.provider(), settings.concurrency(),
                    settings.intraOpThreads());
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
            FloatBuffer t = slot.preprocessor.tensor();
            t.clear();
            while (t.hasRemaining()) {
                t.put(0f);
            }
            t.flip();
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

    /** Fills the slot's input tensor from a region of a packed BGR24 image. */
    public Letterbox preprocess(Slot slot, ByteBuffer bgr, int width, int height, PixelRegion region) {
        return slot.preprocessor.prepare(bgr, width, height, region);
    }

    /** Runs the model on the slot's input tensor. */
    public RawOutput infer(Slot slot) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(slot.preprocessor.tensor(), slot.inputShape);
            NDList out = slot.predictor.predict(new NDList(input));
            try {
                return RawOutput.read(out.get(0));
            } finally {
                out.close();
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("model " + spec.name() + ": inference failed: " + rootMessage(e), e);
        }
    }

    public List<Candidate> decode(RawOutput out) {
        return decoder.decode(out.data(), out.shape());
    }

    public List<Candidate> nms(List<Candidate> candidates) {
        return nms.apply(candidates);
    }

    /** Maps candidates from model-input pixels back to source pixels. */
    public List<Detection> toDetections(List<Candidate> candidates, Letterbox lb) {
        List<Detection> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            var box = lb.toSource(c.x1(), c.y1(), c.x2(), c.y2());
            if (box.width() >= 1 && box.height() >= 1) {
                out.add(new Detection(c.roadUser(), spec.classNames().get(c.classId()), c.score(), box));
            }
        }
        return out;
    }

    /** Borrows an inference slot, waiting while all are busy; always {@link #release} it. */
    public Slot borrow() {
        try {
            return slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free detector slot", e);
        }
    }

    public void release(Slot slot) {
        slots.add(slot);
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int inputHeight() {
        return inputHeight;
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
