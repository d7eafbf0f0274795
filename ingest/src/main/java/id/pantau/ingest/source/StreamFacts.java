package id.pantau.ingest.source;

import java.time.Duration;
import java.util.Optional;

/**
 * What FFmpeg found when it opened a source.
 *
 * @param format      demuxer name, e.g. "rtsp", "mov,mp4,m4a,3gp,3g2,mj2", "mpjpeg"
 * @param codec       video codec, e.g. "h264"
 * @param pixelFormat the stream's own pixel format, e.g. "yuv420p" (frames are converted to BGR24)
 * @param fps         frame rate the stream declares (0 if unknown)
 * @param duration    length of a file, empty for live streams
 */
public record StreamFacts(String format, String codec, int width, int height, double fps, String pixelFormat,
                          Optional<Duration> duration) {
}
