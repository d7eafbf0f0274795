package id.pantau.storage.signing;

/**
 * The content of {@code manifest.json.sig}: which algorithm and key signed the exact bytes of manifest.json, and
 * the signature in base64. {@code keyId} is a fingerprint, so a verifier holding another key says so plainly.
 */
public record ManifestSignature(String algorithm, String keyId, String signature) {
}
