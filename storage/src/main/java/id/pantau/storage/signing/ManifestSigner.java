package id.pantau.storage.signing;

/** Signs manifest bytes. Implementations: {@link Ed25519ManifestSigner} (default) and {@link HmacSha256Key}. */
public interface ManifestSigner {
    ManifestSignature sign(byte[] manifest);
}
