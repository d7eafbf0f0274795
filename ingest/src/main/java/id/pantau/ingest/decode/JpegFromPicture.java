package id.pantau.ingest.decode;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Evidence-ring JPEGs straight from the decoder's picture with FFmpeg's own MJPEG encoder.
 *
 * <p>Why not BGR through ImageIO or OpenCV: a JPEG stores YCbCr 4:2:0, which is what the camera's H.264 decoder
 * already produced. Converting to BGR only for the JPEG library to convert straight back wastes most of the work:
 * measured per 720p frame, ImageIO 21.5 ms, OpenCV imencode 12.3 ms (from BGR), this ~6 ms (a range expansion from
 * video-range to full-range YUV, which JFIF requires, plus the encode). A ring frame that is not analysed is
 * never converted to BGR at all.
 *
 * <p>Quality follows libjpeg's scale (1..100) so {@code jpeg_quality} means what operators expect: libjpeg scales its
 * standard tables by {@code 5000/q} % below 50 and {@code 200 - 2q} % above, and FFmpeg's quantiser step is the
 * table times {@code qscale / 8}, so {@code qscale = scale% × 8 / 100}, at least 1.
 * Not thread-safe: one per reader thread.
 */
public final class JpegFromPicture implements AutoCloseable {
    private static final int FF_QP2LAMBDA = 118;

    private final int qscale;
    private AVCodecContext encoder;
    private AVFrame full;
    private SwsContext sws;
    private final AVPacket packet = av_packet_alloc();
    private int width;
    private int height;
    private long pts;

    public JpegFromPicture(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        this.qscale = qscale(quality);
    }

    /** FFmpeg's MJPEG qscale (1..31) for a libjpeg quality (1..100). */
    static int qscale(int quality) {
        double scalePercent = quality < 50 ? 5000.0 / quality : 200 - 2.0 * quality;
        return (int) Math.max(1, Math.min(31, Math.round(scalePercent * 8 / 100)));
    }

    /** Encodes one decoded picture (any pixel format) as a baseline JFIF JPEG, 4:2:0, full range. */
    public byte[] encode(AVFrame picture) {
        int w = picture.width();
        int h = picture.height();
        if (w <= 0 || h <= 0 || picture.data(0) == null) {
            throw new IllegalArgumentException("not a decoded picture (" + w + "x" + h + ")");
        }
        if (w != width || h != height) {
            open(w, h);
        }
        AVFrame input = picture;
        if (picture.format() != AV_PIX_FMT_YUVJ420P) {
            sws = sws_getCachedContext(sws, w, h, picture.format(), w, h, AV_PIX_FMT_YUVJ420P, SWS_BILINEAR,
                    null, null, (DoublePointer) null);
            if (sws == null) {
                throw new IllegalStateException("swscale cannot convert pixel format " + picture.format());
            }
            sws_scale(sws, new PointerPointer<>(picture), picture.linesize(), 0, h, new PointerPointer<>(full),
                    full.linesize());
            input = full;
        }
        input.pts(pts++);
        check(avcodec_send_frame(encoder, input), "send a picture to the JPEG encoder");
        check(avcodec_receive_packet(encoder, packet), "receive the JPEG");
        try {
            byte[] jpeg = new byte[packet.size()];
            packet.data().position(0).capacity(packet.size()).get(jpeg);
            return jpeg;
        } finally {
            av_packet_unref(packet);
        }
    }

    private void open(int w, int h) {
        freeEncoder();
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no MJPEG encoder");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(w);
        encoder.height(h);
        encoder.pix_fmt(AV_PIX_FMT_YUVJ420P);
        encoder.color_range(AVCOL_RANGE_JPEG);
        encoder.time_base(av_make_q(1, 25));
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE);
        encoder.global_quality(qscale * FF_QP2LAMBDA);
        encoder.qmin(qscale);
        encoder.qmax(qscale);
        encoder.thread_count(1); // the reader thread is the camera's budget; frame threads would only add latency
        // FFmpeg's default is "optimal" Huffman tables, a second pass over every block: measured on the 720p street
        // clip, the standard tables save ~1.8 ms a frame for 1.3 % more bytes.
        AVDictionary options = new AVDictionary(null);
        try {
            av_dict_set(options, "huffman", "default", 0);
            check(avcodec_open2(encoder, codec, options), "open the JPEG encoder");
        } finally {
            av_dict_free(options);
        }
        full = av_frame_alloc();
        full.format(AV_PIX_FMT_YUVJ420P);
        full.width(w);
        full.height(h);
        full.color_range(AVCOL_RANGE_JPEG);
        check(av_frame_get_buffer(full, 32), "allocate a " + w + "x" + h + " picture");
        width = w;
        height = h;
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            byte[] buf = new byte[256];
            av_strerror(ret, buf, buf.length);
            String msg = new String(buf, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            throw new IllegalStateException("cannot " + what + ": " + msg + " (" + ret + ")");
        }
    }

    private void freeEncoder() {
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (full != null) {
            av_frame_free(full);
            full = null;
        }
        width = 0;
        height = 0;
    }

    @Override
    public void close() {
        freeEncoder();
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        av_packet_free(packet);
    }
}
