package id.pantau.enforcement.evidence;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How evidence is made.
 *
 * @param zone         the zone of the date-time burned into frames (Asia/Jakarta = WIB for Kota Jambi)
 * @param clipBefore   footage kept before the crossing (the clip starts at least this long before it)
 * @param clipAfter    footage kept after the crossing (the clip ends at least this long after it)
 * @param jpegQuality  quality of the stamped frames and crops, 0..1
 * @param models       manifest names of the models whose results the package relies on (detector, plate
 *                     detector, OCR); their sha256 goes into the metadata
 * @param analyticsLag how late a violation may reach the evidence stage after its crossing (analytics latency,
 *                     bus, a queue of earlier violations); the ring must still hold the crossing's footage then
 */
public record EvidenceSettings(ZoneId zone, Duration clipBefore, Duration clipAfter, float jpegQuality,
                               List<String> models, Duration analyticsLag) {
    public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    /** Margin the ring keeps beyond the clip and the lag: the clip takes one frame past each edge. */
    static final Duration EDGE = Duration.ofSeconds(1);

    public EvidenceSettings {
        Objects.requireNonNull(zone, "zone");
        if (clipBefore.isNegative() || clipAfter.isNegative() || analyticsLag.isNegative()) {
            throw new IllegalArgumentException("clip margins and analytics lag must not be negative: " + clipBefore
                    + ", " + clipAfter + ", " + analyticsLag);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be within (0, 1], was " + jpegQuality);
        }
        models = List.copyOf(models);
    }

    public EvidenceSettings(ZoneId zone, Duration clipBefore, Duration clipAfter, float jpegQuality,
                            List<String> models) {
        this(zone, clipBefore, clipAfter, jpegQuality, models, DEFAULT_LAG);
    }

    static final Duration DEFAULT_LAG = Duration.ofSeconds(15);

    /**
     * WIB, 6 s either side (what commercial red-light systems keep), JPEG quality 0.92, the vehicle detector and
     * the plate reader's models, 15 s of analytics lag allowed.
     */
    public static EvidenceSettings defaults() {
        return new EvidenceSettings(JAKARTA, Duration.ofSeconds(6), Duration.ofSeconds(6), 0.92f,
                List.of("yolox_nano", "plate_det_y5fu_320", "plate_det_y5fu_640", "ppocrv4_det", "ppocrv4_rec",
                        "ppocr_keys_v1"), DEFAULT_LAG);
    }

    public EvidenceSettings withModels(List<String> names) {
        return new EvidenceSettings(zone, clipBefore, clipAfter, jpegQuality, names, analyticsLag);
    }

    /**
     * How far back a camera's ring must reach so that, when a violation arrives {@code analyticsLag} after its
     * crossing (or once the footage after it exists, whichever is later), the frames from {@code clipBefore}
     * before the crossing are still held: clip before + max(clip after, lag) + one second for the edge frames.
     */
    public Duration requiredRingWindow() {
        Duration later = clipAfter.compareTo(analyticsLag) > 0 ? clipAfter : analyticsLag;
        return clipBefore.plus(later).plus(EDGE).plus(EDGE);
    }
}
