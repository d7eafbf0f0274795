package id.pantau.ingest.config;

import java.util.Locale;

/** Where a camera's pictures come from; decides the FFmpeg options and what "end of stream" means. */
public enum SourceKind {
    /** A live RTSP camera or NVR channel ({@code rtsp://} or {@code rtsps://}). */
    RTSP,
    /** A live HTTP MJPEG stream ({@code multipart/x-mixed-replace} of JPEGs, {@code http://}). */
    HTTP_MJPEG,
    /** A recorded video file, replayed. */
    FILE;

    /** Classifies an input string the way an operator writes it: a URL by its scheme, anything else a path. */
    public static SourceKind of(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return RTSP;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return HTTP_MJPEG;
        }
        return FILE;
    }

    public boolean isLive() {
        return this != FILE;
    }
}
