package id.pantau.enforcement;

/**
 * A request the back office refuses, with the reason an operator can act on. The HTTP layer maps the kind to
 * a 4xx status; nothing of this kind is ever a 500.
 */
public final class EnforcementException extends RuntimeException {

    /** INTEGRITY: stored evidence that does not match its signed manifest (never served); THROTTLED: too many tries. */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, INTEGRITY, THROTTLED }

    private final Kind kind;
    private final long retryAfterSeconds;
    private final String field;

    public EnforcementException(Kind kind, String message) {
        this(kind, message, 0);
    }

    private EnforcementException(Kind kind, String message, long retryAfterSeconds) {
        this(kind, message, retryAfterSeconds, null);
    }

    private EnforcementException(Kind kind, String message, long retryAfterSeconds, String field) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
        this.field = field;
    }

    /** The request field that is wrong (a JSON path such as {@code location.lat}), or null when not one field. */
    public String field() {
        return field;
    }

    /** A 400 about one field: the answer carries {@code "field"} beside the message, so a client can point at it. */
    public static EnforcementException invalidField(String field, String m) {
        return new EnforcementException(Kind.INVALID, m, 0, field);
    }

    /** Seconds the client should wait before trying again ({@link Kind#THROTTLED}; 0 otherwise). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static EnforcementException throttled(String m, long retryAfterSeconds) {
        return new EnforcementException(Kind.THROTTLED, m, Math.max(1, retryAfterSeconds));
    }

    public Kind kind() {
        return kind;
    }

    public static EnforcementException invalid(String m) {
        return new EnforcementException(Kind.INVALID, m);
    }

    public static EnforcementException notFound(String m) {
        return new EnforcementException(Kind.NOT_FOUND, m);
    }

    public static EnforcementException conflict(String m) {
        return new EnforcementException(Kind.CONFLICT, m);
    }

    public static EnforcementException integrity(String m) {
        return new EnforcementException(Kind.INTEGRITY, m);
    }

    public static EnforcementException forbidden(String m) {
        return new EnforcementException(Kind.FORBIDDEN, m);
    }

    public static EnforcementException unauthenticated(String m) {
        return new EnforcementException(Kind.UNAUTHENTICATED, m);
    }
}
