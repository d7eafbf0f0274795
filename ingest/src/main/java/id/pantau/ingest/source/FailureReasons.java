package id.pantau.ingest.source;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates FFmpeg's numeric errors into sentences an operator can act on. JavaCV reports them as
 * {@code avformat_open_input() error -111: Could not open input ...}; the number is the FFmpeg AVERROR.
 */
public final class FailureReasons {
    private static final Pattern CODE = Pattern.compile("error (-?\\d+)");
    private static final int ECONNREFUSED = -111;
    private static final int ETIMEDOUT = -110;
    private static final int EHOSTUNREACH = -113;
    private static final int ENETUNREACH = -101;
    private static final int ENOENT = -2;
    private static final int EACCES = -13;
    private static final int EIO = -5;
    private static final int AVERROR_INVALIDDATA = fferrtag('I', 'N', 'D', 'A');
    private static final int AVERROR_EOF = fferrtag('E', 'O', 'F', ' ');
    private static final int HTTP_NOT_FOUND = fferrtag(0xF8, '4', '0', '4');
    private static final int HTTP_UNAUTHORIZED = fferrtag(0xF8, '4', '0', '1');
    private static final int HTTP_FORBIDDEN = fferrtag(0xF8, '4', '0', '3');
    private static final int HTTP_SERVER_ERROR = fferrtag(0xF8, '5', 'X', 'X');
    private static final int HTTP_OTHER_4XX = fferrtag(0xF8, '4', 'X', 'X');
    private static final int PROTOCOL_NOT_FOUND = fferrtag(0xF8, 'P', 'R', 'O');
    private static final int EXIT = fferrtag('E', 'X', 'I', 'T');

    private FailureReasons() {
    }

    private static int fferrtag(int a, int b, int c, int d) {
        return -(a | (b << 8) | (c << 16) | (d << 24));
    }

    /** The FFmpeg error code inside a JavaCV exception message, or 0 if none. */
    public static int code(Throwable e) {
        Matcher m = e.getMessage() == null ? null : CODE.matcher(e.getMessage());
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A reason for a failed open of {@code input}. */
    public static String openFailed(String input, Throwable e) {
        int code = code(e);
        String where = hostPort(input);
        String path = pathOf(input);
        if (code == ECONNREFUSED) {
            return "connection refused by " + where + " (is the camera/server running and the port right?)";
        }
        if (code == ETIMEDOUT || code == EXIT) {
            return "connection to " + where + " timed out (camera unreachable or not answering)";
        }
        if (code == EHOSTUNREACH || code == ENETUNREACH) {
            return "no route to " + where + " (network down or wrong address)";
        }
        if (code == HTTP_NOT_FOUND) {
            return "server " + where + " has no stream at " + path + " (404 Not Found: check the URL path)";
        }
        if (code == HTTP_UNAUTHORIZED) {
            return "server " + where + " refused the credentials (401 Unauthorized: check user/password in the URL)";
        }
        if (code == HTTP_FORBIDDEN) {
            return "server " + where + " forbids " + path + " (403 Forbidden)";
        }
        if (code == HTTP_SERVER_ERROR || code == HTTP_OTHER_4XX) {
            return "server " + where + " answered with an error: " + ffmpegText(code);
        }
        if (code == PROTOCOL_NOT_FOUND) {
            return "unsupported URL scheme in " + redact(input);
        }
        if (code == ENOENT) {
            return "file not found: " + input;
        }
        if (code == EACCES) {
            return "permission denied: " + input;
        }
        if (code == AVERROR_INVALIDDATA) {
            return "not a video: " + redact(input)
                    + " (FFmpeg cannot read it: invalid data, e.g. a truncated or corrupt file)";
        }
        if (code == AVERROR_EOF || code == EIO) {
            return "cannot read " + redact(input) + ": " + ffmpegText(code);
        }
        String text = code != 0 ? ffmpegText(code) : String.valueOf(e.getMessage());
        return "cannot open " + redact(input) + ": " + text;
    }

    /** A reason for an error while reading an open stream (JavaCV's advice about setFormat() etc. removed). */
    public static String readFailed(Throwable e) {
        int code = code(e);
        String text = code != 0 ? ffmpegText(code) + " (FFmpeg error " + code + ")" : String.valueOf(e.getMessage());
        return "read error: " + text;
    }

    /** FFmpeg's own text for an AVERROR. */
    public static String ffmpegText(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            avutil.av_strerror(code, buf, 256);
            byte[] bytes = new byte[256];
            buf.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** "127.0.0.1:8554" from a URL (the default port filled in), or the input itself if it is not a URL. */
    static String hostPort(String input) {
        try {
            URI uri = URI.create(input);
            if (uri.getHost() == null) {
                return redact(input);
            }
            int port = uri.getPort();
            if (port < 0) {
                port = switch (uri.getScheme().toLowerCase(java.util.Locale.ROOT)) {
                    case "rtsp" -> 554;
                    case "rtsps" -> 322;
                    case "https" -> 443;
                    default -> 80;
                };
            }
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return redact(input);
        }
    }

    private static String pathOf(String input) {
        try {
            String p = URI.create(input).getPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return input;
        }
    }

    /** Removes a password from {@code rtsp://user:pass@host/...} so reasons and logs never show it. */
    public static String redact(String input) {
        return input.replaceFirst("(?<=://)([^/@:]+):[^/@]*@", "$1:***@");
    }
}
