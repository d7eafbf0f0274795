package id.pantau.detect.postprocess;

import id.pantau.detect.model.ModelFamily;
import id.pantau.detect.model.RoadUserMapping;

import java.util.List;

/** Turns a model's raw output tensor into scored road-user candidates in model-input pixels (before NMS). */
public sealed interface OutputDecoder permits YoloxDecoder, UltralyticsDecoder {

    /**
     * @param output the output tensor, flattened in row-major order
     * @param shape  its shape, as the model reported it
     */
    List<Candidate> decode(float[] output, long[] shape);

    /** Checks an output shape fits this family; returns an explanation of the mismatch, or null when it fits. */
    String shapeProblem(long[] shape);

    static OutputDecoder of(ModelFamily family, int inputWidth, int inputHeight, RoadUserMapping mapping) {
        return switch (family) {
            case YOLOX -> new YoloxDecoder(inputWidth, inputHeight, mapping);
            case ULTRALYTICS -> new UltralyticsDecoder(mapping);
        };
    }
}
