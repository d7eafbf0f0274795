package id.pantau.ingest.ring;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;

import java.nio.ByteBuffer;
import java.time.Instant;

/** One JPEG-compressed frame kept for evidence. */
public record RingFrame(CameraId camera, long sequence, Instant captureTime, long streamTimeMicros, int width,
                        int height, byte[] jpeg) {

    /** Decodes back to the pipeline's frame type (BGR24). */
    public VideoFrame toVideoFrame() {
        JpegCodec.Decoded d = JpegCodec.decode(jpeg);
        return new VideoFrame(camera, sequence, captureTime, streamTimeMicros, d.width(), d.height(),
                ByteBuffer.wrap(d.bgr()));
    }
}
