package id.pantau.storage.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in the usual PEM files ("BEGIN PRIVATE KEY" = PKCS#8, "BEGIN PUBLIC KEY" = X.509), the format
 * {@code openssl genpkey -algorithm ed25519} writes, and HMAC secrets as base64 text files.
 */
public final class PemKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    public static PrivateKey readEd25519PrivateKey(Path pem) {
        byte[] der = readPem(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key " + pem + " is not an Ed25519 private key (" + e.getMessage()
                    + "); create one with 'openssl genpkey -algorithm ed25519 -out " + pem.getFileName() + "'", e);
        }
    }

    public static PublicKey readEd25519PublicKey(Path pem) {
        byte[] der = readPem(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("verification key " + pem + " is not an Ed25519 public key ("
                    + e.getMessage() + "); derive it with 'openssl pkey -in private.pem -pubout'", e);
        }
    }

    /** An HMAC secret: a text file holding base64 of at least 32 random bytes. */
    public static HmacSha256Key readHmacKey(Path file) {
        String text = read(file).strip();
        try {
            return new HmacSha256Key(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HMAC key file " + file + ": " + e.getMessage()
                    + " (expected base64 text, e.g. from 'openssl rand -base64 32')", e);
        }
    }

    /** Creates a new Ed25519 key pair as PEM files; the private key file is readable by its owner only. */
    public static KeyPair generateEd25519(Path privatePem, Path publicPem) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writePem(privatePem, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            writePem(publicPem, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without Ed25519: " + e, e);
        }
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write key file " + file + ": " + e, e);
        }
    }

    private static byte[] readPem(Path file, String type) {
        Matcher m = PEM.matcher(read(file));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new IllegalArgumentException("key file " + file + " has no '-----BEGIN " + type + "-----' block");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e, e);
        }
    }
}
