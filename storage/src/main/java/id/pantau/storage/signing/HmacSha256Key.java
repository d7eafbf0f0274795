package id.pantau.storage.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with a shared secret: one key both signs and verifies, so whoever can verify can also forge.
 * Offered for sites that already manage shared secrets; Ed25519 is the default.
 */
public final class HmacSha256Key implements ManifestSigner, ManifestSignatureVerifier {
    public static final String ALGORITHM = "HMAC-SHA256";
    /** RFC 2104 recommends at least the hash length. */
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final String keyId;

    public HmacSha256Key(byte[] secret) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("HMAC key has " + secret.length + " bytes; use at least "
                    + MIN_KEY_BYTES + " random bytes (e.g. 'openssl rand -base64 32')");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.keyId = KeyFingerprint.of("hmac", secret);
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable: " + e, e);
        }
    }

    @Override
    public ManifestSignature sign(byte[] manifest) {
        return new ManifestSignature(ALGORITHM, keyId, Base64.getEncoder().encodeToString(mac(manifest)));
    }

    @Override
    public SignatureStatus verify(byte[] manifest, ManifestSignature sig) {
        if (!ALGORITHM.equals(sig.algorithm()) || !keyId.equals(sig.keyId())) {
            return SignatureStatus.UNKNOWN_KEY;
        }
        try {
            byte[] given = Base64.getDecoder().decode(sig.signature());
            // Constant-time comparison, so timing does not leak how many bytes matched.
            return MessageDigest.isEqual(mac(manifest), given) ? SignatureStatus.VALID : SignatureStatus.INVALID;
        } catch (IllegalArgumentException e) {
            return SignatureStatus.INVALID;
        }
    }

    @Override
    public String describe() {
        return "HMAC-SHA256 key " + keyId;
    }
}
