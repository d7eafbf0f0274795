package id.pantau.storage.signing;

public enum SignatureStatus {
    /** The manifest is exactly what the key holder signed. */
    VALID,
    /** The signature does not match the manifest bytes: manifest or signature altered. */
    INVALID,
    /** No manifest.json.sig next to the manifest. */
    MISSING,
    /** Signed with another key or algorithm than the one this verifier trusts. */
    UNKNOWN_KEY,
    /** The signature file is not readable as a signature. */
    MALFORMED
}
