package id.pantau.detect.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.onnxruntime.engine.OrtNDArray;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;

import java.nio.FloatBuffer;

/**
 * The model's output tensor, flattened row-major, with its shape. For a batched inference the first dimension is
 * the number of frames, and {@link #frame} gives each frame's part without copying.
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

    /** Frames in this output: its first dimension (1 for a single-frame inference). */
    public int frames() {
        return (int) shape[0];
    }

    /** Frame {@code i}'s part of a batched output, as a view of {@link #data()} (no copy). */
    public FloatBuffer frame(int i) {
        int n = frameSize();
        return FloatBuffer.wrap(data, i * n, n).slice();
    }

    /** The shape of one frame's part: this shape with a first dimension of 1, as for a single-frame inference. */
    public long[] frameShape() {
        long[] s = shape.clone();
        s[0] = 1;
        return s;
    }

    private int frameSize() {
        return data.length / frames();
    }
}
