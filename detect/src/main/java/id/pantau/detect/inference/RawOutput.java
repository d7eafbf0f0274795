package id.pantau.detect.inference;

/** The model's output tensor, flattened row-major, with its shape. */
public record RawOutput(float[] data, long[] shape) {
}
