package id.pantau.storage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {
    @TempDir
    Path tmp;

    @Test
    void generatedEd25519PemFilesSignAndVerify() throws Exception {
        PemKeys.generateEd25519(tmp.resolve("k.pem"), tmp.resolve("k.pub.pem"));
        assertThat(Files.readString(tmp.resolve("k.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("k.pem")))).isEqualTo("rw-------");
        var signer = new Ed25519ManifestSigner(PemKeys.readEd25519PrivateKey(tmp.resolve("k.pem")),
                PemKeys.readEd25519PublicKey(tmp.resolve("k.pub.pem")));
        var verifier = new Ed25519SignatureVerifier(PemKeys.readEd25519PublicKey(tmp.resolve("k.pub.pem")));
        byte[] manifest = "{\"files\":[]}".getBytes(StandardCharsets.UTF_8);
        ManifestSignature sig = signer.sign(manifest);
        assertThat(verifier.verify(manifest, sig)).isEqualTo(SignatureStatus.VALID);
        manifest[2] ^= 1;
        assertThat(verifier.verify(manifest, sig)).isEqualTo(SignatureStatus.INVALID);
        assertThat(verifier.verify(manifest, new ManifestSignature("Ed25519", sig.keyId(), "not base64!")))
                .isEqualTo(SignatureStatus.INVALID);
    }

    @Test
    void wrongKeyFilesAreExplained() throws Exception {
        PemKeys.generateEd25519(tmp.resolve("k.pem"), tmp.resolve("k.pub.pem"));
        assertThatThrownBy(() -> PemKeys.readEd25519PrivateKey(tmp.resolve("k.pub.pem")))
                .hasMessageContaining("has no '-----BEGIN PRIVATE KEY-----' block");
        assertThatThrownBy(() -> PemKeys.readEd25519PublicKey(tmp.resolve("absent.pem")))
                .hasMessageContaining("cannot read key file " + tmp.resolve("absent.pem"));
        Files.writeString(tmp.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> PemKeys.readHmacKey(tmp.resolve("short.key")))
                .hasMessageContaining("HMAC key has 16 bytes; use at least 32");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(tmp.resolve("hmac.key"), Base64.getEncoder().encodeToString(secret) + "\n");
        assertThat(PemKeys.readHmacKey(tmp.resolve("hmac.key")).describe()).startsWith("HMAC-SHA256 key hmac:");
    }
}
