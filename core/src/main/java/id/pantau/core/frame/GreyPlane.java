package id.pantau.core.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A small 8-bit grey picture (row stride {@code width}), e.g. the decoder's luma plane scaled down for the motion
 * gate: carried beside the BGR frame so the gate needs no resize and grey conversion of 2.8 MB of BGR per frame.
 *
 * @param width  pixels
 * @param height pixels
 * @param pixels {@code width * height} bytes from position 0; never modified after creation
 */
public record GreyPlane(int width, int height, ByteBuffer pixels) {
    public GreyPlane {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("plane size must be positive, got " + width + "x" + height);
        }
        if (pixels.remaining() < (long) width * height) {
            throw new IllegalArgumentException("plane buffer holds " + pixels.remaining() + " bytes, "
                    + width + "x" + height + " needs " + (long) width * height);
        }
    }

    /** A read-only view positioned at the first pixel. */
    public ByteBuffer view() {
        return pixels.asReadOnlyBuffer();
    }
}
