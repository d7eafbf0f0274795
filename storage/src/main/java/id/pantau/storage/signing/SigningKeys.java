package id.pantau.storage.signing;

import id.pantau.storage.config.EvidenceStoreConfig;

/** Loads the signer and the verifier named by the config. */
public final class SigningKeys {
    private SigningKeys() {
    }

    public static ManifestSigner signer(EvidenceStoreConfig config) {
        return switch (config.signing()) {
            case EvidenceStoreConfig.HMAC_SHA256 -> PemKeys.readHmacKey(config.hmacKeyFile());
            default -> new Ed25519ManifestSigner(PemKeys.readEd25519PrivateKey(config.signingPrivateKey()),
                    PemKeys.readEd25519PublicKey(config.signingPublicKey()));
        };
    }

    public static ManifestSignatureVerifier verifier(EvidenceStoreConfig config) {
        return switch (config.signing()) {
            case EvidenceStoreConfig.HMAC_SHA256 -> PemKeys.readHmacKey(config.hmacKeyFile());
            default -> new Ed25519SignatureVerifier(PemKeys.readEd25519PublicKey(config.signingPublicKey()));
        };
    }
}
