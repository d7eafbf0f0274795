package id.pantau.detect.plate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.grammar.PlateNumber;
import id.pantau.detect.plate.grammar.Region;

import java.awt.image.BufferedImage;
import java.util.List;
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
 * @param alternatives         the best grammatical readings, most probable first, with their confidences (the
 *                             first is the reading itself when READ); empty when nothing grammatical was seen
 */
public record PlateReading(PlateStatus status, PlateNumber plate, Region region, double confidence,
                           double[] characterConfidences, BoundingBox box, BufferedImage crop,
                           List<Alternative> alternatives) {

    /** One candidate text with its confidence. */
    public record Alternative(String text, double confidence) {
        @Override
        public String toString() {
            return text + " " + String.format(java.util.Locale.ROOT, "%.2f", confidence);
        }
    }

    public PlateReading {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    public PlateReading(PlateStatus status, PlateNumber plate, Region region, double confidence,
                        double[] characterConfidences, BoundingBox box, BufferedImage crop) {
        this(status, plate, region, confidence, characterConfidences, box, crop, List.of());
    }

    public static PlateReading unreadable(double confidence, BoundingBox box, BufferedImage crop) {
        return new PlateReading(PlateStatus.UNREADABLE, null, null, confidence, new double[0], box, crop);
    }

    /** Not read, but these grammatical readings were seen (best first): for an operator to check. */
    public static PlateReading uncertain(List<Alternative> alternatives, BoundingBox box, BufferedImage crop) {
        double c = alternatives.isEmpty() ? 0 : alternatives.getFirst().confidence();
        return new PlateReading(alternatives.isEmpty() ? PlateStatus.UNREADABLE : PlateStatus.UNCERTAIN, null, null,
                c, new double[0], box, crop, alternatives);
    }

    /** The same reading found at another place (a crop's reading moved into the whole picture). */
    public PlateReading at(BoundingBox where) {
        return new PlateReading(status, plate, region, confidence, characterConfidences, where, crop, alternatives);
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
                : status + " (" + String.format("%.2f", confidence) + ")" + (alternatives.isEmpty() ? ""
                : " " + alternatives);
    }
}
