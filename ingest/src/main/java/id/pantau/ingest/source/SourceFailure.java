package id.pantau.ingest.source;

/**
 * A source could not be opened or stopped delivering; {@link #getMessage()} is the operator-facing reason
 * ("connection refused by 127.0.0.1:8554", "file not found: ...").
 */
public class SourceFailure extends Exception {
    public SourceFailure(String reason) {
        super(reason);
    }

    public SourceFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
