package id.pantau.storage;

public class EvidenceNotFoundException extends StorageException {
    public EvidenceNotFoundException(String key, String store) {
        super("no evidence object '" + key + "' in " + store);
    }
}
