package id.pantau.detect.plate.locate;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.image.Quad;

/**
 * A plate found in a picture.
 *
 * @param box        axis-aligned box in the picture's pixels
 * @param corners    the four plate corners (perspective), in the same pixels
 * @param score      detector confidence 0..1
 * @param doubleRow  the detector thinks the characters are on two rows (its second class)
 */
public record PlateCandidate(BoundingBox box, Quad corners, double score, boolean doubleRow) {
}
