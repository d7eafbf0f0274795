package id.pantau.detect.runtime;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import id.pantau.detect.runtime.DjlRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One ONNX model loaded through DJL's ONNX Runtime engine (the project standard), with a small pool of predictors
 * because a DJL predictor is not thread-safe: each call borrows one, so several cameras can read plates at once.
 */
public final class OnnxModel implements AutoCloseable {
    private static final long LOADER_STACK_BYTES = 64L << 20;
    private final String name;
    private final ZooModel<NDList, NDList> model;
    private final ConcurrentLinkedQueue<Predictor<NDList, NDList>> idle = new ConcurrentLinkedQueue<>();

    private OnnxModel(String name, ZooModel<NDList, NDList> model) {
        this.name = name;
        this.model = model;
    }

    /**
     * Loads a model file.
     *
     * @param intraOpThreads ONNX Runtime threads per inference; 1 keeps several concurrent readers from fighting
     *                       over the same cores
     */
    public static OnnxModel load(String name, Path file, int intraOpThreads) {
        // offline switches and the engine's first initialisation, shared with the detector (loopback only)
        DjlRuntime.initEngine();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                .optOption("interOpNumThreads", "1")
                .build();
        // Building an ONNX Runtime session from a default 1 MB thread stack killed the JVM with SIGSEGV and no
        // Java error (seen with the y5fu plate detector from a plain main thread). Loading on a thread of our own
        // with a large stack makes it independent of the caller's thread; inference runs fine on ordinary threads.
        AtomicReference<Object> result = new AtomicReference<>();
        Thread loader = new Thread(null, () -> {
            try {
                result.set(criteria.loadModel());
            } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
                result.set(e);
            }
        }, "onnx-load-" + name, LOADER_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading model '" + name + "'", e);
        }
        if (result.get() instanceof ZooModel<?, ?> loaded) {
            @SuppressWarnings("unchecked")
            ZooModel<NDList, NDList> model = (ZooModel<NDList, NDList>) loaded;
            return new OnnxModel(name, model);
        }
        Exception e = (Exception) result.get();
        throw new IllegalStateException("cannot load model '" + name + "' from " + file + ": " + e.getMessage()
                + ". Check the file (pantau models --verify) and that it is an ONNX model.", e);
    }

    /** Runs the model on one float tensor and returns the first output. */
    public Tensor run(String inputName, float[] data, long... shape) {
        Predictor<NDList, NDList> predictor = idle.poll();
        if (predictor == null) {
            predictor = model.newPredictor();
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(data, new Shape(shape));
            input.setName(inputName);
            NDList out = predictor.predict(new NDList(input));
            NDArray first = out.get(0);
            return new Tensor(first.toFloatArray(), first.getShape().getShape());
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed in model '" + name + "': " + e.getMessage(), e);
        } finally {
            idle.offer(predictor);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        Predictor<NDList, NDList> p;
        while ((p = idle.poll()) != null) {
            p.close();
        }
        model.close();
    }

    /** A model output copied to the heap: values in row-major order and the shape. */
    public record Tensor(float[] values, long[] shape) {
        public int dim(int i) {
            return (int) shape[i];
        }
    }
}
