package id.pantau.core.asset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, and the check the resolver applies before trusting one. */
public final class Checksums {
    private Checksums() {
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Null when the file exists with the expected SHA-256, otherwise what is wrong with it. */
    static String problemWith(Path file, String expectedSha256) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        try {
            String actual = sha256(file);
            return actual.equalsIgnoreCase(expectedSha256) ? null
                    : "sha256 mismatch: expected " + expectedSha256 + ", found " + actual;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
