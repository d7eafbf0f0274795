package id.pantau.ingest.source;

import id.pantau.ingest.config.SourceKind;
import id.pantau.ingest.config.Transport;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a camera source with FFmpeg (through JavaCV's {@link FFmpegFrameGrabber}) and checks that it really is a
 * video before anyone reads from it. Every failure comes back as a {@link SourceFailure} with a reason in operator
 * terms.
 */
public final class SourceOpener {
    /**
     * FFmpeg "decodes" any file named *.bin, *.ans, *.idf... as text-mode art (1280x10000 pictures of random bytes);
     * a camera source with one of these codecs is a wrong file, not a video.
     */
    private static final Set<String> NOT_CAMERA_CODECS = Set.of("bintext", "xbin", "idf", "ansi", "tty");

    static {
        // FFmpeg's native log goes straight to stderr; keep it to fatal errors so that a failing camera gives one
        // readable line (our reason, logged by the worker) instead of a burst of native messages.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private SourceOpener() {
    }

    /**
     * How the opened source hands out pictures.
     *
     * @param raw              the decoder's own pictures (YUV, usually) instead of packed BGR24: the camera reader
     *                         converts only the frames it keeps ({@code Frame.opaque} is the {@code AVFrame})
     * @param skipNonReference the decoder drops frames that no other frame refers to ({@code skip_frame=nonref})
     */
    public record Decoding(boolean raw, boolean skipNonReference) {
        /** Packed BGR24 for every frame: what probes and tools that draw on frames want. */
        public static final Decoding BGR = new Decoding(false, false);
    }

    /** AVDISCARD_NONREF, as FFmpeg's {@code skip_frame} option takes it. */
    private static final String AVDISCARD_NONREF = "8";

    /** A grabber with Pantau's options, not started yet, delivering BGR24. */
    public static FFmpegFrameGrabber newGrabber(String input, SourceKind kind, Transport transport,
                                                Duration ioTimeout) {
        return newGrabber(input, kind, transport, ioTimeout, Decoding.BGR);
    }

    /** A grabber with Pantau's options, not started yet. */
    public static FFmpegFrameGrabber newGrabber(String input, SourceKind kind, Transport transport,
                                                Duration ioTimeout, Decoding decoding) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(input);
        String micros = Long.toString(ioTimeout.toNanos() / 1_000);
        switch (kind) {
            case RTSP -> {
                g.setOption("rtsp_transport", transport.ffmpegName());
                // FFmpeg >= 5 calls the socket I/O timeout 'timeout' (µs); 'stimeout' is gone (RECIPES.md 1d).
                g.setOption("timeout", micros);
                // FFmpeg probes a live stream for up to 5 s by default (measured: 5.5 s to open a 6 fps camera);
                // 1 s still finds the right frame rate and size (checked on 6, 12.5 and 30 fps streams) and cuts the
                // open to 1.3-2.7 s. Setting it to 0 makes FFmpeg report a wrong 60 fps (RECIPES.md 1d).
                g.setOption("analyzeduration", "1000000");
            }
            case HTTP_MJPEG -> {
                g.setFormat("mpjpeg");
                g.setOption("rw_timeout", micros);
                g.setOption("reconnect", "0");
            }
            case FILE -> {
            }
        }
        // COLOR = packed BGR24, what VideoFrame carries; RAW leaves the conversion to the reader.
        g.setImageMode(decoding.raw() ? FrameGrabber.ImageMode.RAW : FrameGrabber.ImageMode.COLOR);
        if (decoding.skipNonReference()) {
            g.setVideoOption("skip_frame", AVDISCARD_NONREF);
        }
        if (decoding.raw()) {
            // The camera reader decodes packets with a decoder of its own (PacketDecoder); the grabber's decoder
            // is opened by start() but never fed, so it gets no thread pool (each costs threads and memory).
            g.setVideoOption("threads", "1");
        }
        return g;
    }

    /**
     * Opens and verifies the source. On failure the grabber is released and a {@link SourceFailure} explains why.
     */
    public static Opened open(String input, SourceKind kind, Transport transport, Duration ioTimeout)
            throws SourceFailure {
        return open(input, kind, transport, ioTimeout, Decoding.BGR);
    }

    /** As {@link #open(String, SourceKind, Transport, Duration)}, with the given decoding. */
    public static Opened open(String input, SourceKind kind, Transport transport, Duration ioTimeout,
                              Decoding decoding) throws SourceFailure {
        if (kind == SourceKind.FILE) {
            checkFile(input);
        }
        FFmpegFrameGrabber g = newGrabber(input, kind, transport, ioTimeout, decoding);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(g);
            throw new SourceFailure(FailureReasons.openFailed(input, e), e);
        }
        String codec = String.valueOf(g.getVideoCodecName());
        if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            releaseQuietly(g);
            throw new SourceFailure("not a video: " + FailureReasons.redact(input) + " has no video stream (format "
                    + g.getFormat() + ")");
        }
        if (NOT_CAMERA_CODECS.contains(codec.toLowerCase(Locale.ROOT))) {
            releaseQuietly(g);
            throw new SourceFailure("not a video: " + input + " (FFmpeg reads it as '" + codec
                    + "' text art; expected an H.264/H.265/MJPEG video)");
        }
        return new Opened(g, facts(g, kind));
    }

    private static void checkFile(String input) throws SourceFailure {
        Path p = Path.of(input);
        if (!Files.exists(p)) {
            throw new SourceFailure("file not found: " + p.toAbsolutePath()
                    + " (check the camera's file path)");
        }
        if (!Files.isRegularFile(p)) {
            throw new SourceFailure("not a file: " + p.toAbsolutePath());
        }
        if (!Files.isReadable(p)) {
            throw new SourceFailure("permission denied: " + p.toAbsolutePath());
        }
        try {
            if (Files.size(p) == 0) {
                throw new SourceFailure("not a video: " + p.toAbsolutePath() + " is empty (0 bytes)");
            }
        } catch (java.io.IOException e) {
            throw new SourceFailure("cannot read " + p.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static StreamFacts facts(FFmpegFrameGrabber g, SourceKind kind) {
        String pixFmt = "unknown";
        AVFormatContext ctx = g.getFormatContext();
        if (ctx != null && g.getVideoStream() >= 0) {
            int fmt = ctx.streams(g.getVideoStream()).codecpar().format();
            BytePointer name = avutil.av_get_pix_fmt_name(fmt);
            if (name != null && !name.isNull()) {
                pixFmt = name.getString();
            }
        }
        long micros = g.getLengthInTime();
        Optional<Duration> duration = kind == SourceKind.FILE && micros > 0
                ? Optional.of(Duration.ofNanos(micros * 1_000)) : Optional.empty();
        return new StreamFacts(g.getFormat(), g.getVideoCodecName(), g.getImageWidth(), g.getImageHeight(),
                g.getFrameRate(), pixFmt, duration);
    }

    /** Releases native resources; only ever called from the thread that uses the grabber. */
    public static void releaseQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Nothing to tell: the source is being abandoned anyway.
        }
    }

    /** An open, verified source. Close it on the thread that reads it. */
    public record Opened(FFmpegFrameGrabber grabber, StreamFacts facts) implements AutoCloseable {
        @Override
        public void close() {
            releaseQuietly(grabber);
        }
    }

    /** Makes FFmpeg's native log visible (for troubleshooting a camera from the CLI). */
    public static void verboseFfmpegLog() {
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        FFmpegLogCallback.set();
    }
}
