package id.pantau.storage.evidence;

import id.pantau.storage.StorageException;

/** A package with this identity is already stored with different content: evidence is never overwritten. */
public class EvidenceConflictException extends StorageException {
    public EvidenceConflictException(String message) {
        super(message);
    }
}
