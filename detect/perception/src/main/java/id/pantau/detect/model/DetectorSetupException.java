package id.pantau.detect.model;

/**
 * A detector could not be set up from its configuration: missing or unreadable model file, a file that is not
 * ONNX, an output that fits no known family, or an execution provider that is not available. The message names
 * the file and says what to do; it is meant to be shown to an operator as is.
 */
public class DetectorSetupException extends RuntimeException {
    public DetectorSetupException(String message) {
        super(message);
    }

    public DetectorSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
