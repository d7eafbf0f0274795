package id.pantau.enforcement;

/**
 * A request the back office refuses, with the reason an operator can act on. The HTTP layer maps the kind to
 * a 4xx status; nothing of this kind is ever a 500.
 */
public final class EnforcementException extends RuntimeException {

    /** INTEGRITY: stored evidence that does not match its signed manifest (never served). */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, INTEGRITY }

    private final Kind kind;

    public EnforcementException(Kind kind, String message) {
        super(message);
        this.kind = kind;
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
