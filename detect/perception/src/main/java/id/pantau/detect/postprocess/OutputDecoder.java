package id.pantau.detect.postprocess;

import id.pantau.detect.model.ModelFamily;
import id.pantau.detect.model.RoadUserMapping;

import java.nio.FloatBuffer;
import java.util.List;

/** Turns a model's raw output tensor into scored road-user candidates in model-input pixels (before NMS). */
public sealed interface OutputDecoder permits YoloxDecoder, UltralyticsDecoder {

    /**
     * @param output one image's output tensor, flattened in row-major order, from index 0 of the buffer (a view
     *               into a batched output works: absolute reads only, position and limit are left alone)
     * @param shape  its shape, as the model reported it for one image (first dimension 1)
     */
    List<Candidate> decode(FloatBuffer output, long[] shape);

    /** {@link #decode(FloatBuffer, long[])} on an array holding exactly one image's output. */
    default List<Candidate> decode(float[] output, long[] shape) {
        return decode(FloatBuffer.wrap(output), shape);
    }

    /** Checks an output shape fits this family; returns an explanation of the mismatch, or null when it fits. */
    String shapeProblem(long[] shape);

    static OutputDecoder of(ModelFamily family, int inputWidth, int inputHeight, RoadUserMapping mapping) {
        return switch (family) {
            case YOLOX -> new YoloxDecoder(inputWidth, inputHeight, mapping);
            case ULTRALYTICS -> new UltralyticsDecoder(mapping);
        };
    }
}
