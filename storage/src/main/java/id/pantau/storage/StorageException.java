package id.pantau.storage;

/** Base of every storage failure; the message names the store/path/key and what the operator can do. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
