package id.pantau.benchmarks.pipeline;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import id.pantau.detect.runtime.DjlRuntime;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The physical limit for inference: a plain ONNX Runtime session on the same model file, with the same thread
 * settings, fed the same direct input buffer (zero copy) and reading the output once. The detector's rate is
 * reported as a ratio of this one's.
 *
 * <p>WHY DJL first: if {@code OrtEnvironment.getEnvironment()} runs before DJL's engine in the same JVM, DJL's
 * initialisation fails (RECIPES.md section 4). Initialising DJL first and then asking for the environment hands
 * back DJL's own environment, which is what this class does.
 */
public final class BareOrtSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final String inputName;
    private final long[] shape;

    public BareOrtSession(Path model, int intraOpThreads, long[] inputShape) {
        DjlRuntime.initEngine();
        this.env = OrtEnvironment.getEnvironment();
        this.shape = inputShape.clone();
        try {
            options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            session = env.createSession(model.toString(), options);
            inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("bare ONNX Runtime session on " + model + " failed: " + e.getMessage(), e);
        }
    }

    /** One inference on {@code input} (direct, native order); returns the first output value so it is used. */
    public float run(FloatBuffer input) {
        return output(input).get(0);
    }

    /** One inference; the whole first output, flattened, as ONNX Runtime hands it to Java. */
    public FloatBuffer output(FloatBuffer input) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, input.duplicate(), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            return ((OnnxTensor) r.get(0)).getFloatBuffer();
        } catch (OrtException e) {
            throw new IllegalStateException("bare ONNX Runtime inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session on shutdown: nothing left to do with the error
        }
        options.close();
    }
}
