package id.pantau.enforcement.evidence;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Encodes ring-buffer frames to an H.264 MP4 with the FFmpeg bundled in JavaCV.
 *
 * <p>That FFmpeg (org.bytedeco:ffmpeg 7.1.1-1.5.12, LGPL build) has no libx264; its H.264 encoder is Cisco's
 * {@value #ENCODER}, so that is what is used. The encoder runs single-threaded and the muxer bit-exact, so the same
 * frames always give the same bytes: a retried violation rewrites an identical clip instead of a conflicting one.
 */
final class ClipEncoder {
    static final String ENCODER = "libopenh264";

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private ClipEncoder() {
    }

    /** What was encoded. */
    record ClipInfo(String encoder, String codec, int width, int height, double fps, int frames,
                    long firstSequence, long lastSequence, Duration span) {
    }

    static ClipInfo encode(List<ClipFrame> frames, Path out) {
        if (frames.size() < 2) {
            throw new EvidenceAssemblyException("a clip needs at least 2 frames, got " + frames.size());
        }
        BufferedImage first = JpegImages.decode(frames.getFirst());
        // H.264 4:2:0 needs even dimensions; at most one pixel column/row is dropped.
        int w = first.getWidth() & ~1;
        int h = first.getHeight() & ~1;
        Duration span = Duration.between(frames.getFirst().time(), frames.getLast().time());
        // The ring holds the frames as captured; their mean rate keeps the clip as long as the real time span.
        double fps = span.isZero() ? 25 : (frames.size() - 1) / (span.toNanos() / 1e9);
        fps = Math.round(fps * 1000) / 1000.0;
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodecName(ENCODER);
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(Math.max(1, (int) Math.round(fps))); // a key frame every second: the viewer can seek
            rec.setVideoBitrate(Math.max(1_000_000, (int) Math.min(8_000_000, w * (long) h * fps / 3)));
            rec.setVideoOption("threads", "1");
            rec.setOption("fflags", "+bitexact");
            rec.setVideoOption("flags", "+bitexact");
            rec.start();
            rec.record(converter.convert(first));
            for (ClipFrame f : frames.subList(1, frames.size())) {
                rec.record(converter.convert(JpegImages.decode(f)));
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new EvidenceAssemblyException("encoding the clip with " + ENCODER + " failed: " + e.getMessage(), e);
        }
        return new ClipInfo(ENCODER, "h264", w, h, fps, frames.size(), frames.getFirst().sequence(),
                frames.getLast().sequence(), span);
    }
}
