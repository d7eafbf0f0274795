package id.pantau.enforcement.stored;

/**
 * An evidence file that does not match its package's signed manifest (altered, unlisted, or the manifest itself
 * unsigned, forged or filed under another case): it must not be shown or used as evidence.
 */
public final class EvidenceIntegrityException extends RuntimeException {
    private final String key;

    public EvidenceIntegrityException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The storage key of the file that failed. */
    public String key() {
        return key;
    }
}
