package id.pantau.enforcement.evidence;

/**
 * Evidence could not be made from the inputs (no frames, frames that are not JPEG, a box outside the picture).
 * The message names the violation, what is wrong and what to do; nothing was written.
 */
public class EvidenceAssemblyException extends RuntimeException {
    public EvidenceAssemblyException(String message) {
        super(message);
    }

    public EvidenceAssemblyException(String message, Throwable cause) {
        super(message, cause);
    }
}
