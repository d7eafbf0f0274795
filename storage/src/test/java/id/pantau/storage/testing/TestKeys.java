package id.pantau.storage.testing;

import id.pantau.storage.signing.Ed25519ManifestSigner;
import id.pantau.storage.signing.Ed25519SignatureVerifier;
import id.pantau.storage.signing.PemKeys;
import java.nio.file.Path;

/** A fresh Ed25519 key pair written as PEM files, as an operator would create with openssl. */
public record TestKeys(Path privatePem, Path publicPem) {
    public static TestKeys create(Path dir) {
        Path priv = dir.resolve("evidence-signing.pem");
        Path pub = dir.resolve("evidence-signing.pub.pem");
        PemKeys.generateEd25519(priv, pub);
        return new TestKeys(priv, pub);
    }

    public Ed25519ManifestSigner signer() {
        return new Ed25519ManifestSigner(PemKeys.readEd25519PrivateKey(privatePem), PemKeys.readEd25519PublicKey(publicPem));
    }

    public Ed25519SignatureVerifier verifier() {
        return new Ed25519SignatureVerifier(PemKeys.readEd25519PublicKey(publicPem));
    }
}
