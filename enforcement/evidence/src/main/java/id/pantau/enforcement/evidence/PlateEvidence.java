package id.pantau.enforcement.evidence;

import id.pantau.core.perception.BoundingBox;
import java.util.Objects;

/**
 * What the plate reader saw, as far as the evidence needs it.
 *
 * @param text          the normalised plate text (e.g. {@code BH 1234 XY}); null when the plate was found but unreadable
 * @param region        the registration area of the prefix (e.g. {@code JAMBI}); null when unknown
 * @param score         confidence 0..1
 * @param box           the plate's box in pixels of the frame it was read from
 * @param frameSequence the frame the box refers to (usually the crossing frame)
 */
public record PlateEvidence(String text, String region, double score, BoundingBox box, long frameSequence) {
    public PlateEvidence {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("plate score must be within 0..1, was " + score);
        }
    }
}
