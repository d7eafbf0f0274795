package id.pantau.storage.spool;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One object waiting in the spool: {@code <seq>.bin} holds the bytes, {@code <seq>.json} this record.
 * The sequence number keeps upload order equal to write order, so a package's manifest goes up after its files.
 */
public record SpoolEntry(long seq, String key, String contentType, long size, String sha256, Instant spooledAt,
                         Path data, Path meta) {
    /** The part that is written to {@code <seq>.json}. */
    record Meta(long seq, String key, String contentType, long size, String sha256, Instant spooledAt) {
    }

    Meta toMeta() {
        return new Meta(seq, key, contentType, size, sha256, spooledAt);
    }
}
