package id.pantau.enforcement.http;

import java.util.Map;

/** A failure as the client sees it: status, a stable error code, a message to act on, optional details. */
public record Problem(int status, String error, String message, Map<String, Object> extra) {
    /** The detail (seconds) a 429 carries; it is also sent as the {@code Retry-After} header. */
    public static final String RETRY_AFTER = "retry_after_s";

    public Problem(int status, String error, String message) {
        this(status, error, message, Map.of());
    }

    public Problem {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
