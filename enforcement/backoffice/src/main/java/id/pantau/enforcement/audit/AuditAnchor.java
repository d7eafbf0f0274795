package id.pantau.enforcement.audit;

import java.util.List;

/**
 * Where signed audit checkpoints are kept, outside the database: the node's evidence store (write-once), or in
 * tests a real local store. The back office only writes and lists; it never removes a checkpoint.
 */
public interface AuditAnchor {

    /** Stores the checkpoint (as {@link Checkpoint#key()}); durable when this returns. */
    void write(Checkpoint checkpoint);

    /**
     * Every stored checkpoint, ordered by sequence. A checkpoint object that cannot be read as one is reported by
     * {@link Unreadable} instead of being skipped, so a damaged anchor is noticed.
     */
    List<Stored> read();

    /** True when a checkpoint of this sequence is already stored (a restarted node does not sign its head twice). */
    boolean exists(long seq);

    /** Where the checkpoints live, for reports. */
    String describe();

    /** One stored object: a checkpoint, or the key of one that could not be parsed. */
    sealed interface Stored permits Readable, Unreadable {
        String key();
    }

    record Readable(String key, Checkpoint checkpoint) implements Stored {
    }

    record Unreadable(String key, String problem) implements Stored {
    }
}
