package id.pantau.storage.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Ed25519 with the JDK's built-in provider: the verifier needs only the public key, so auditors can check. */
public final class Ed25519ManifestSigner implements ManifestSigner {
    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final String keyId;

    /** The public key is only used for the fingerprint written beside each signature. */
    public Ed25519ManifestSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.keyId = KeyFingerprint.of("ed25519", publicKey.getEncoded());
    }

    @Override
    public ManifestSignature sign(byte[] manifest) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(manifest);
            return new ManifestSignature(ALGORITHM, keyId, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed (is the private key an Ed25519 key?): " + e, e);
        }
    }
}
