package id.pantau.core.frame;

import id.pantau.core.camera.CameraId;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded picture from a camera, in packed BGR24 (row stride {@code width * 3}), the colour order
 * OpenCV and the YOLOX export expect, so no stage needs to convert again.
 *
 * @param camera          the camera it came from
 * @param sequence        0-based index among the frames the worker decoded since it started (gaps = sampled out)
 * @param captureTime     wall-clock time of capture: the stream's presentation time mapped onto the clock of
 *                        the first frame of the connection
 * @param streamTimeMicros the container/stream presentation timestamp, microseconds
 * @param width           pixels
 * @param height          pixels
 * @param bgr             {@code width * height * 3} bytes; owned by this frame, never modified after creation
 * @param luma            the same picture's brightness, scaled down (the decoder's Y plane), or null when the
 *                        source has none: the motion gate then derives it from {@code bgr}
 */
public record VideoFrame(CameraId camera, long sequence, Instant captureTime, long streamTimeMicros,
                         int width, int height, ByteBuffer bgr, GreyPlane luma) {

    /** A frame without a luma plane. */
    public VideoFrame(CameraId camera, long sequence, Instant captureTime, long streamTimeMicros,
                      int width, int height, ByteBuffer bgr) {
        this(camera, sequence, captureTime, streamTimeMicros, width, height, bgr, null);
    }

    public VideoFrame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(bgr, "bgr");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (bgr.remaining() < (long) width * height * 3) {
            throw new IllegalArgumentException("frame buffer holds " + bgr.remaining() + " bytes, "
                    + width + "x" + height + " BGR24 needs " + (long) width * height * 3);
        }
    }

    /** A read-only view positioned at the first pixel, safe to hand to several consumers. */
    public ByteBuffer pixels() {
        return bgr.asReadOnlyBuffer();
    }

    public int byteSize() {
        return width * height * 3;
    }

    /** A copy of the pixels as a heap array (for code that needs one, e.g. image encoders). */
    public byte[] toByteArray() {
        byte[] out = new byte[byteSize()];
        bgr.duplicate().get(out);
        return out;
    }
}
