package id.pantau.detect.io;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Decodes a video file into {@link VideoFrame}s (BGR24) with JavaCV's FFmpeg grabber, for the CLI and the tests.
 * Live cameras go through the ingest module; this reader is only for files.
 */
public final class VideoFileReader implements AutoCloseable {
    private final Path file;
    private final CameraId camera;
    private final FFmpegFrameGrabber grabber;
    private final Instant start;
    private long index = -1;

    /** Capture times count from the epoch: deterministic, for tests and batch jobs that don't need wall time. */
    public VideoFileReader(Path file, CameraId camera) {
        this(file, camera, Instant.EPOCH);
    }

    /** Capture times are the stream time added to {@code start} (e.g. when a replay began). */
    public VideoFileReader(Path file, CameraId camera, Instant start) {
        this.file = file;
        this.camera = camera;
        this.start = start;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("video " + file.toAbsolutePath() + " does not exist or is not a file");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalArgumentException("video " + file.toAbsolutePath() + " cannot be opened by FFmpeg ("
                    + e.getMessage() + "); check that it is a complete video file", e);
        }
    }

    public double frameRate() {
        return grabber.getFrameRate();
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /**
     * The next decoded frame, or null at the end. {@code sequence} is the 0-based decode index (the labels'
     * frame numbering), so a caller that samples every n-th frame keeps the original numbering.
     */
    public VideoFrame next() {
        try {
            Frame f = grabber.grabImage();
            if (f == null || f.image == null) {
                return null;
            }
            index++;
            return toVideoFrame(f, grabber.getTimestamp());
        } catch (FrameGrabber.Exception e) {
            throw new UncheckedIOException(new IOException("video " + file + ": decoding failed after frame "
                    + index + " (" + e.getMessage() + ")", e));
        }
    }

    /** Skips {@code n} frames without converting them; returns false at the end of the file. */
    public boolean skip(int n) {
        try {
            for (int i = 0; i < n; i++) {
                Frame f = grabber.grabImage();
                if (f == null) {
                    return false;
                }
                index++;
            }
            return true;
        } catch (FrameGrabber.Exception e) {
            throw new UncheckedIOException(new IOException("video " + file + ": decoding failed", e));
        }
    }

    private VideoFrame toVideoFrame(Frame f, long micros) {
        int w = f.imageWidth;
        int h = f.imageHeight;
        int rowBytes = w * 3;
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        // heap, not direct: a direct buffer per frame is only freed by a GC and bloats RSS (RECIPES.md 4); the
        // detector copies it into its own reusable direct buffer
        ByteBuffer dst = ByteBuffer.allocate(rowBytes * h);
        int stride = f.imageStride;
        // FFmpeg may pad rows (stride > width*3): copy row by row into the packed layout VideoFrame promises
        for (int y = 0; y < h; y++) {
            src.limit(y * stride + rowBytes).position(y * stride);
            dst.put(src);
        }
        dst.flip();
        return new VideoFrame(camera, index, start.plusNanos(micros * 1000), micros, w, h, dst);
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new UncheckedIOException(new IOException("closing " + file, e));
        }
    }
}
