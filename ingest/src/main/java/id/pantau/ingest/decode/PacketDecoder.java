package id.pantau.ingest.decode;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/**
 * Decodes the compressed packets of one video stream, so that the camera reader can read packets itself (and hand
 * the same packets to the live view's remuxer, unchanged) instead of letting the grabber read and decode out of
 * sight. Opened like JavaCV's own decoder (automatic thread count, the reader's video options), timestamps in
 * microseconds as the grabber computes them. Used on one thread only.
 */
public final class PacketDecoder implements AutoCloseable {
    private final AVCodecContext context;
    private final AVFrame picture = av_frame_alloc();
    private final AVRational timeBase;
    private final boolean skipNonReference;
    private boolean draining;
    private boolean shedding;

    /** As {@link #PacketDecoder(AVStream, boolean, int)} with FFmpeg's automatic thread count. */
    public PacketDecoder(AVStream stream, boolean skipNonReference) {
        this(stream, skipNonReference, 0);
    }

    /**
     * @param skipNonReference drop frames no other frame refers to ({@code skip_frame=nonref}), as the source asks
     * @param threads          decoder threads, 0 = FFmpeg's automatic count (cores + 1, frame threading)
     */
    public PacketDecoder(AVStream stream, boolean skipNonReference, int threads) {
        this.skipNonReference = skipNonReference;
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            av_frame_free(picture);
            throw new IllegalStateException("FFmpeg has no decoder for codec id " + stream.codecpar().codec_id());
        }
        context = avcodec_alloc_context3(codec);
        int r = avcodec_parameters_to_context(context, stream.codecpar());
        AVDictionary options = new AVDictionary(null);
        if (skipNonReference) {
            av_dict_set(options, "skip_frame", "8", 0); // AVDISCARD_NONREF
        }
        context.thread_count(threads);
        context.pkt_timebase(stream.time_base());
        if (r >= 0) {
            r = avcodec_open2(context, codec, options);
        }
        av_dict_free(options);
        if (r < 0) {
            close();
            throw new IllegalStateException("cannot open the " + codec.name().getString() + " decoder (error " + r + ")");
        }
        timeBase = stream.time_base();
    }

    /**
     * Sheds decode work while the camera's analysis cannot keep up (its queue drops frames): frames nothing refers
     * to are skipped and the in-loop deblocking filter is left out, which saves a quarter to a third of H.264's
     * decode time. The pictures stay usable for detection (slightly blockier edges, which the detector's 416 px
     * input does not resolve anyway); a keyframe restores full quality once shedding ends. Takes effect at the next
     * packet (FFmpeg copies these fields to its frame threads per packet).
     */
    public void shed(boolean on) {
        if (on == shedding) {
            return;
        }
        shedding = on;
        context.skip_frame(on || skipNonReference ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
        context.skip_loop_filter(on ? AVDISCARD_ALL : AVDISCARD_DEFAULT);
    }

    /** Whether decode work is being shed ({@link #shed}). */
    public boolean shedding() {
        return shedding;
    }

    /** Sends one packet; false if the decoder refused it (a corrupt packet: skip it and go on). */
    public boolean send(AVPacket packet) {
        int r = avcodec_send_packet(context, packet);
        return r >= 0 || r == AVERROR_EAGAIN();
    }

    /** Tells the decoder the stream ended, so {@link #receive} hands out the pictures it still holds. */
    public void drain() {
        if (!draining) {
            draining = true;
            avcodec_send_packet(context, (AVPacket) null);
        }
    }

    /**
     * The next decoded picture, or null when the decoder needs more input (or is drained). The picture is valid
     * until the next call; its {@code best_effort_timestamp} is in the stream's time base ({@link #micros}).
     */
    public AVFrame receive() {
        av_frame_unref(picture);
        int r = avcodec_receive_frame(context, picture);
        if (r == AVERROR_EAGAIN() || r == AVERROR_EOF || r < 0) {
            return null;
        }
        return picture;
    }

    /** The picture's time in microseconds, as JavaCV's grabber computes {@code Frame.timestamp}. */
    public long micros(AVFrame frame) {
        return 1_000_000L * frame.best_effort_timestamp() * timeBase.num() / timeBase.den();
    }

    /** Forgets buffered pictures, after a seek. */
    public void flush() {
        avcodec_flush_buffers(context);
        draining = false;
    }

    @Override
    public void close() {
        av_frame_free(picture);
        if (context != null) {
            avcodec_free_context(context);
        }
    }
}
