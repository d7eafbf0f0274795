package id.pantau.storage.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class KeyFingerprint {
    private KeyFingerprint() {
    }

    /** First 16 hex digits of SHA-256: enough to tell keys apart in a report, reveals nothing about the key. */
    static String of(String kind, byte[] keyMaterial) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyMaterial);
            return kind + ":" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
