package id.pantau.detect.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import id.pantau.detect.runtime.DjlRuntime;
import id.pantau.detect.model.DetectorSetupException;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Checks a dynamic-batch copy against its original with ONNX Runtime: two different inputs go one at a time
 * through the original and together, as a batch of two, through the copy. Every output of the batch must have two
 * rows, each equal to the matching single run. This catches what {@link DynamicBatchExport} cannot see in the graph:
 * a node that still needs batch 1 (ONNX Runtime fails) or one that mixes the images of a batch (the rows differ).
 */
public final class DynamicBatchCheck {
    /**
     * Largest difference allowed between a row of the batch and the single run, relative to max(1, |value|): the
     * same kernels on the same data, at most summed in another order.
     */
    static final double TOLERANCE = 1e-4;
    /** Side used for an input height or width the model leaves dynamic (a multiple of every YOLO stride). */
    private static final long DYNAMIC_SIDE = 64;

    /**
     * @param outputs       outputs compared
     * @param maxDifference largest relative difference found between a batch row and its single run
     */
    public record Report(int outputs, double maxDifference) {
    }

    /** One run's outputs: flattened fp32 values (null for another type) and shapes, in the session's order. */
    private record Outputs(List<String> names, List<float[]> values, List<long[]> shapes) {
    }

    private DynamicBatchCheck() {
    }

    /** @throws DetectorSetupException when the copy fails on a batch of two or its rows differ from single runs */
    public static Report verify(Path original, Path dynamic) {
        // DJL's engine must create ONNX Runtime's environment before anything else asks for it (RECIPES.md 4)
        DjlRuntime.initEngine();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            long[] one;
            Outputs first;
            Outputs second;
            float[] a;
            float[] b;
            try (OrtSession single = env.createSession(original.toString(), options)) {
                one = imageShape(single);
                a = pixels(one, 1);
                b = pixels(one, 2);
                first = run(env, single, a, one);
                second = run(env, single, b, one);
            } catch (OrtException e) {
                throw new DetectorSetupException("model file " + original.toAbsolutePath()
                        + " could not be run by ONNX Runtime at batch 1 (" + e.getMessage() + ")", e);
            }
            long[] two = one.clone();
            two[0] = 2;
            float[] ab = Arrays.copyOf(a, a.length * 2);
            System.arraycopy(b, 0, ab, a.length, b.length);
            Outputs both;
            try (OrtSession batch = env.createSession(dynamic.toString(), options)) {
                both = run(env, batch, ab, two);
            } catch (OrtException e) {
                throw new DetectorSetupException("model file " + dynamic.toAbsolutePath()
                        + " fails on a batch of 2 in ONNX Runtime (" + e.getMessage() + "): the graph still ties"
                        + " the batch to 1 in a way the rewrite does not handle", e);
            }
            return compare(dynamic, first, second, both);
        }
    }

    private static Report compare(Path dynamic, Outputs first, Outputs second, Outputs both) {
        double max = 0;
        for (int k = 0; k < both.values().size(); k++) {
            String name = both.names().get(k);
            long[] shape = both.shapes().get(k);
            if (shape.length == 0 || shape[0] != 2) {
                throw mixes(dynamic, "output '" + name + "' has shape " + Arrays.toString(shape)
                        + " for a batch of 2, not two rows");
            }
            float[] rows = both.values().get(k);
            if (rows == null) {
                continue; // not fp32: the row count was all that could be compared
            }
            int n = rows.length / 2;
            float[][] singles = {first.values().get(k), second.values().get(k)};
            for (int r = 0; r < 2; r++) {
                if (singles[r].length != n) {
                    throw mixes(dynamic, "row " + r + " of output '" + name + "' has " + n
                            + " values, the single run " + singles[r].length);
                }
                for (int i = 0; i < n; i++) {
                    float s = singles[r][i];
                    double d = Math.abs(rows[r * n + i] - s) / Math.max(1, Math.abs(s));
                    if (!(d <= TOLERANCE)) {
                        throw mixes(dynamic, "row " + r + " of output '" + name + "' differs from the single run"
                                + " at value " + i + " (" + rows[r * n + i] + " vs " + s + ")");
                    }
                    max = Math.max(max, d);
                }
            }
        }
        return new Report(both.values().size(), max);
    }

    private static DetectorSetupException mixes(Path dynamic, String what) {
        return new DetectorSetupException("model file " + dynamic.toAbsolutePath()
                + " does not treat the images of a batch separately: " + what);
    }

    /** The first input's shape at batch 1, dynamic sides set to {@link #DYNAMIC_SIDE}. */
    private static long[] imageShape(OrtSession session) throws OrtException {
        NodeInfo in = session.getInputInfo().values().iterator().next();
        if (!(in.getInfo() instanceof TensorInfo t)) {
            throw new OrtException("input '" + in.getName() + "' is not a tensor");
        }
        long[] shape = t.getShape().clone();
        shape[0] = 1;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = DYNAMIC_SIDE;
            }
        }
        return shape;
    }

    /** Pixel-like values (0-255), different per seed, so that mixed rows cannot look alike. */
    private static float[] pixels(long[] shape, long seed) {
        Random random = new Random(seed);
        float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(256);
        }
        return v;
    }

    private static Outputs run(OrtEnvironment env, OrtSession session, float[] input, long[] shape)
            throws OrtException {
        String name = session.getInputNames().iterator().next();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result r = session.run(Map.of(name, t))) {
            List<String> names = new ArrayList<>();
            List<float[]> values = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            for (Map.Entry<String, OnnxValue> e : r) {
                names.add(e.getKey());
                if (e.getValue() instanceof OnnxTensor out) {
                    shapes.add(out.getInfo().getShape());
                    FloatBuffer fb = out.getFloatBuffer();
                    float[] copy = fb == null ? null : new float[fb.remaining()];
                    if (copy != null) {
                        fb.get(copy);
                    }
                    values.add(copy);
                } else {
                    shapes.add(new long[0]);
                    values.add(null);
                }
            }
            return new Outputs(names, values, shapes);
        }
    }
}
