package id.pantau.storage.spool;

import id.pantau.storage.StorageException;
import java.nio.file.Path;

/** The spool cannot take evidence: the message names the folder, the problem and the fix. */
public class SpoolException extends StorageException {
    /** Also the {@code reason} tag of the {@code pantau.evidence.spool.errors} counter. */
    public enum Reason {
        NOT_WRITABLE, DISK_FULL, CORRUPT, IO;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;
    private final Path path;

    public SpoolException(Reason reason, Path path, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.path = path;
    }

    public Reason reason() {
        return reason;
    }

    public Path path() {
        return path;
    }
}
