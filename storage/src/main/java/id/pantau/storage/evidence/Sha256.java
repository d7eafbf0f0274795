package id.pantau.storage.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams content once to get its size and SHA-256, so clips are never loaded whole into memory. */
public record Sha256(long size, String hex) {

    public static Sha256 of(InputStream content) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
        try (DigestInputStream in = new DigestInputStream(content, md)) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new Sha256(size, HexFormat.of().formatHex(md.digest()));
        }
    }
}
