package id.pantau.storage;

/** The backend could not be reached or answered with a server-side error: the same call may work later. */
public class StoreUnavailableException extends StorageException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
