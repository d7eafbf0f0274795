package id.pantau.storage.spool;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dir            the spool folder (local disk; survives restarts)
 * @param minFreeBytes   space that must stay free on that disk; a write that would cross it is refused
 * @param initialBackoff first wait after a failed upload; doubles up to {@code maxBackoff}, retried forever
 */
public record SpoolSettings(Path dir, long minFreeBytes, Duration initialBackoff, Duration maxBackoff) {
    public static SpoolSettings defaults(Path dir) {
        return new SpoolSettings(dir, 256L * 1024 * 1024, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
