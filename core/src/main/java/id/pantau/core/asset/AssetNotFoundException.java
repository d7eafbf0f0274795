package id.pantau.core.asset;

/** A model or data file could not be found with the right checksum anywhere the resolver looked. */
public class AssetNotFoundException extends RuntimeException {
    public AssetNotFoundException(String message) {
        super(message);
    }
}
