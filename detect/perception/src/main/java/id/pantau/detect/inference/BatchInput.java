package id.pantau.detect.inference;

import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The input tensor of one batched inference: up to {@code capacity} letterboxed images back to back in one direct,
 * native-order buffer (NCHW, N = images added), which ONNX Runtime reads in place.
 *
 * <p>WHY a copy per image: the letterbox pre-processor fills its own one-image tensor; copying that here (2 MB at
 * 416x416, a fraction of a millisecond) is small next to the inference and leaves the pre-processor as it is.
 *
 * <p>Not thread-safe: one per inference slot, like the pre-processor.
 */
final class BatchInput {
    private final FloatBuffer images;
    private final int capacity;
    private final int imageFloats;
    private final int height;
    private final int width;
    private int count;

    BatchInput(int capacity, int height, int width) {
        this.capacity = capacity;
        this.height = height;
        this.width = width;
        this.imageFloats = 3 * height * width;
        this.images = ByteBuffer.allocateDirect(Math.multiplyExact(capacity, imageFloats) * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Empties the batch. */
    void clear() {
        images.clear();
        count = 0;
    }

    /** Appends one image tensor ({@code 3 x height x width} floats from its position to its limit). */
    void add(FloatBuffer image) {
        if (count == capacity) {
            throw new IllegalStateException("batch already holds its " + capacity + " images");
        }
        if (image.remaining() != imageFloats) {
            throw new IllegalArgumentException("an image tensor of " + image.remaining() + " floats, the batch takes "
                    + imageFloats + " (3 x " + height + " x " + width + ")");
        }
        images.put(image.duplicate());
        count++;
    }

    /** The images added so far, as one tensor: a view from the first image to the last. */
    FloatBuffer tensor() {
        return images.duplicate().flip();
    }

    /** {@code [count, 3, height, width]}. */
    Shape shape() {
        return new Shape(count, 3, height, width);
    }
}
