package id.pantau.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Write-once object storage for evidence. Keys are '/'-separated relative paths checked by {@link EvidenceKeys}.
 *
 * <p>There is deliberately no delete: evidence is WORM (write once, read many). A put of an existing key replaces
 * it with the same content on retries (deterministic keys make writes idempotent); a package-level guard against
 * overwriting different content lives in {@link id.pantau.storage.evidence.PackageWriter}.
 *
 * <p>Errors are unchecked {@link StorageException}s: {@link StoreUnavailableException} when the backend cannot be
 * reached (worth retrying later), {@link EvidenceNotFoundException} for a missing key.
 */
public interface EvidenceStore extends AutoCloseable {

    /** Stores {@code content} under {@code key}; when this returns the object is durable (or durably spooled). */
    void put(String key, byte[] content, String contentType);

    /** Stores the file's bytes under {@code key}; the file is read, never moved or deleted. */
    void put(String key, Path file, String contentType);

    /** Opens the object for reading; the caller closes the stream. */
    InputStream open(String key);

    default byte[] get(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading evidence object '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    boolean exists(String key);

    /** Every key that starts with {@code prefix}, sorted. */
    List<String> list(String prefix);

    /**
     * A URL a viewer can GET for {@code ttl} without credentials: a presigned URL on S3, a file: URI for a local
     * folder (only useful on the same host), empty where the store has no such thing.
     */
    Optional<URI> presignedUrl(String key, Duration ttl);

    StoreHealth health();

    /** Where this store keeps its objects, for log lines and error messages (never includes secrets). */
    String describe();

    @Override
    default void close() {
    }
}
