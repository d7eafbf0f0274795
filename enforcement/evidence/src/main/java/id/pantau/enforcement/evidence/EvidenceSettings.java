package id.pantau.enforcement.evidence;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How evidence is made.
 *
 * @param zone        the zone of the date-time burned into frames (Asia/Jakarta = WIB for Kota Jambi)
 * @param clipBefore  footage kept before the crossing
 * @param clipAfter   footage kept after the crossing
 * @param jpegQuality quality of the stamped frames and crops, 0..1
 * @param models      manifest names of the models whose results the package relies on (detector, plate
 *                    detector, OCR); their sha256 goes into the metadata
 */
public record EvidenceSettings(ZoneId zone, Duration clipBefore, Duration clipAfter, float jpegQuality,
                               List<String> models) {
    public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    public EvidenceSettings {
        Objects.requireNonNull(zone, "zone");
        if (clipBefore.isNegative() || clipAfter.isNegative()) {
            throw new IllegalArgumentException("clip margins must not be negative: " + clipBefore + ", " + clipAfter);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be within (0, 1], was " + jpegQuality);
        }
        models = List.copyOf(models);
    }

    /** WIB, 5 s either side, JPEG quality 0.92, the vehicle detector and the plate reader's models. */
    public static EvidenceSettings defaults() {
        return new EvidenceSettings(JAKARTA, Duration.ofSeconds(5), Duration.ofSeconds(5), 0.92f,
                List.of("yolox_nano", "plate_det_y5fu_320", "plate_det_y5fu_640", "ppocrv4_det", "ppocrv4_rec", "ppocr_keys_v1"));
    }

    public EvidenceSettings withModels(List<String> names) {
        return new EvidenceSettings(zone, clipBefore, clipAfter, jpegQuality, names);
    }
}
