package id.pantau.ingest.config;

import java.util.Locale;

/** Camera setting {@code skip_nonref_frames}: whether the decoder may drop frames that no other frame refers to. */
public enum DecodeSkip {
    /** On when the analysis and ring rates are at most {@link CameraSource#AUTO_SKIP_MAX_FPS}. */
    AUTO,
    ON,
    OFF;

    /** Parses {@code auto}, {@code on}/{@code true}, {@code off}/{@code false}; null for anything else. */
    public static DecodeSkip parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "on", "true" -> ON;
            case "off", "false" -> OFF;
            default -> null;
        };
    }
}
