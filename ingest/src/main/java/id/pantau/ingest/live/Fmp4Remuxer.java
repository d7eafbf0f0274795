package id.pantau.ingest.live;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * Remuxes one camera's compressed video packets, unchanged (no decoding, no re-encoding), into fragmented MP4 for
 * the browser's Media Source Extensions: FFmpeg's own mp4 muxer with {@code empty_moov} (an init segment without
 * samples), {@code default_base_moof} (what MSE expects) and {@code frag_every_frame} (one moof+mdat per frame, so a
 * frame leaves as soon as the next one arrives instead of waiting for a whole GOP). FFmpeg turns Annex B (RTSP) into
 * MP4's length-prefixed form itself. The bytes go to a consumer in the order the muxer writes them; {@link
 * Fmp4Boxes} cuts them into boxes. Used on the camera's reader thread only.
 */
final class Fmp4Remuxer implements AutoCloseable {
    /**
     * JavaCPP allows only a few live instances of a callback class, so one callback serves every muxer and finds
     * its consumer by the opaque pointer FFmpeg hands back (as JavaCV's own grabber does for input streams).
     */
    private static final Map<Long, Consumer<byte[]>> SINKS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final WriteCallback WRITE = (WriteCallback) new WriteCallback().retainReference();
    private static final int IO_BUFFER = 64 * 1024;

    private final AVFormatContext out;
    private final AVIOContext io;
    private final AVStream inStream;
    private final AVStream outStream;
    private final LongPointer opaque;
    private final AVPacket copy = av_packet_alloc();
    /** Stream time subtracted from every packet so that the browser's timeline starts near 0. */
    private long originDts = AV_NOPTS_VALUE;
    private long lastDts = AV_NOPTS_VALUE;

    private static final class WriteCallback extends Write_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            Consumer<byte[]> sink = SINKS.get(new LongPointer(opaque).get());
            if (sink == null || size <= 0) {
                return size;
            }
            byte[] bytes = new byte[size];
            buf.get(bytes, 0, size);
            sink.accept(bytes);
            return size;
        }
    }

    /**
     * Writes the init segment (ftyp+moov) at once.
     *
     * @throws IllegalStateException if FFmpeg cannot put this stream into MP4 (not H.264/H.265, say)
     */
    Fmp4Remuxer(AVStream video, Consumer<byte[]> sink) {
        this.inStream = video;
        long id = IDS.incrementAndGet();
        opaque = new LongPointer(1);
        opaque.put(id);
        SINKS.put(id, sink);
        out = new AVFormatContext(null);
        int r = avformat_alloc_output_context2(out, null, "mp4", null);
        if (r < 0) {
            SINKS.remove(id);
            throw new IllegalStateException("FFmpeg has no mp4 muxer (error " + r + ")");
        }
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER));
        io = avio_alloc_context(buffer, IO_BUFFER, 1, opaque, null, WRITE, null);
        out.pb(io);
        outStream = avformat_new_stream(out, null);
        avcodec_parameters_copy(outStream.codecpar(), video.codecpar());
        outStream.codecpar().codec_tag(0);
        outStream.time_base(video.time_base());
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "empty_moov+default_base_moof+frag_every_frame", 0);
        av_dict_set(options, "flush_packets", "1", 0);
        r = avformat_write_header(out, options);
        av_dict_free(options);
        if (r < 0) {
            close();
            throw new IllegalStateException("FFmpeg cannot write this stream as MP4 (error " + r + ")");
        }
    }

    /**
     * Adds one packet of the input video stream. A packet without a decoding time, or one that would go back in
     * time, is skipped (MP4 needs increasing decoding times; the browser waits for the next keyframe).
     */
    boolean write(AVPacket packet) {
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        if (dts == AV_NOPTS_VALUE || lastDts != AV_NOPTS_VALUE && dts <= lastDts) {
            return false;
        }
        if (originDts == AV_NOPTS_VALUE) {
            originDts = dts;
        }
        lastDts = dts;
        av_packet_ref(copy, packet);
        copy.dts(dts - originDts);
        copy.pts(packet.pts() == AV_NOPTS_VALUE ? dts - originDts : packet.pts() - originDts);
        copy.stream_index(0);
        copy.pos(-1);
        av_packet_rescale_ts(copy, inStream.time_base(), outStream.time_base());
        int r = av_write_frame(out, copy);
        av_packet_unref(copy);
        return r >= 0;
    }

    /** Stream time of the first packet (input time base); media time 0 in the browser. */
    long originDts() {
        return originDts;
    }

    @Override
    public void close() {
        // no trailer: a live stream never ends for its viewers, and the trailer's index is useless to MSE
        SINKS.remove(opaque.get());
        av_packet_free(copy);
        if (io != null) {
            av_free(io.buffer()); // avio_context_free leaves the (possibly reallocated) buffer to its owner
            avio_context_free(io);
        }
        out.pb(null);
        avformat_free_context(out);
        opaque.close();
    }
}
