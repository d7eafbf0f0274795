package id.pantau.storage.signing;

/** Checks a manifest signature: {@link Ed25519SignatureVerifier} (public key only) or {@link HmacSha256Key}. */
public interface ManifestSignatureVerifier {
    SignatureStatus verify(byte[] manifest, ManifestSignature signature);

    /** What key this verifier trusts, for reports ("Ed25519 key 1a2b3c..."). */
    String describe();
}
