package id.pantau.detect.plate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.grammar.PlateNumber;
import id.pantau.detect.plate.grammar.Region;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * What was read from one plate.
 *
 * @param status               READ, or UNREADABLE when no grammatical reading reached the confidence threshold
 * @param plate                the plate number; null when UNREADABLE
 * @param region               the registration area of its prefix; null when UNREADABLE
 * @param confidence           overall confidence 0..1 (geometric mean of the character probabilities)
 * @param characterConfidences one per character of {@link PlateNumber#compact()}; empty when UNREADABLE
 * @param box                  the plate's box in the picture it was read from
 * @param crop                 the rectified plate image the reading came from (evidence for an operator)
 */
public record PlateReading(PlateStatus status, PlateNumber plate, Region region, double confidence,
                           double[] characterConfidences, BoundingBox box, BufferedImage crop) {

    public static PlateReading unreadable(double confidence, BoundingBox box, BufferedImage crop) {
        return new PlateReading(PlateStatus.UNREADABLE, null, null, confidence, new double[0], box, crop);
    }

    public boolean isRead() {
        return status == PlateStatus.READ;
    }

    /** The normalised text, e.g. {@code BH 1234 XY}, when read. */
    public Optional<String> text() {
        return Optional.ofNullable(plate).map(PlateNumber::text);
    }

    @Override
    public String toString() {
        return isRead() ? plate.text() + " (" + region.name() + ", " + String.format("%.2f", confidence) + ")"
                : "UNREADABLE (" + String.format("%.2f", confidence) + ")";
    }
}
