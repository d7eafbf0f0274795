package id.pantau.detect.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.onnxruntime.engine.OrtNDArray;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;

import java.nio.FloatBuffer;

/**
 * The model's output tensor, flattened row-major, with its shape.
 */
public record RawOutput(float[] data, long[] shape) {

    /**
     * Reads an output tensor into Java memory with one copy.
     *
     * <p>WHY not {@link NDArray#toFloatArray()}: DJL's ONNX Runtime array implements it as {@code toByteBuffer()}
     * (native memory copied into a new heap ByteBuffer) and then a second copy into a new float[], so YOLOX-nano's
     * 3549 x 85 output cost 2.42 MB of garbage per inference. ONNX Runtime's own
     * {@link OnnxTensor#getFloatBuffer()} copies the native memory once into an array-backed buffer, and that array
     * is kept here as it is.
     */
    static RawOutput read(NDArray array) {
        long[] shape = array.getShape().getShape();
        if (array instanceof OrtNDArray ort && ort.getTensor().getInfo().type == OnnxJavaType.FLOAT) {
            FloatBuffer values = ort.getTensor().getFloatBuffer();
            if (values.hasArray() && values.arrayOffset() == 0 && values.array().length == values.remaining()) {
                return new RawOutput(values.array(), shape);
            }
        }
        // not an fp32 ONNX Runtime tensor (another engine, fp16 output): DJL's generic conversion, two copies
        return new RawOutput(array.toFloatArray(), shape);
    }
}
