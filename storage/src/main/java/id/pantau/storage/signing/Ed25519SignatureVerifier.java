package id.pantau.storage.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

public final class Ed25519SignatureVerifier implements ManifestSignatureVerifier {
    private final PublicKey publicKey;
    private final String keyId;

    public Ed25519SignatureVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
        this.keyId = KeyFingerprint.of("ed25519", publicKey.getEncoded());
    }

    @Override
    public SignatureStatus verify(byte[] manifest, ManifestSignature sig) {
        if (!Ed25519ManifestSigner.ALGORITHM.equals(sig.algorithm()) || !keyId.equals(sig.keyId())) {
            return SignatureStatus.UNKNOWN_KEY;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(sig.signature());
            Signature s = Signature.getInstance(Ed25519ManifestSigner.ALGORITHM);
            s.initVerify(publicKey);
            s.update(manifest);
            return s.verify(raw) ? SignatureStatus.VALID : SignatureStatus.INVALID;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // A signature of the wrong length or bad base64 is tampering too, not a crash.
            return SignatureStatus.INVALID;
        }
    }

    @Override
    public String describe() {
        return "Ed25519 public key " + keyId;
    }
}
