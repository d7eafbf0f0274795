package id.pantau.detect.motion;

/**
 * A rectangle of the picture where motion matters, in fractions of the frame size (0..1), so it survives a
 * change of stream resolution. Motion outside every region (trees, a clock, the sky) never wakes the detector.
 */
public record RegionOfInterest(double x, double y, double width, double height) {
    public RegionOfInterest {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1.0001 || y + height > 1.0001) {
            throw new IllegalArgumentException("region of interest " + x + "," + y + " " + width + "x" + height
                    + " must lie inside the frame, in fractions 0..1 of its width and height");
        }
    }

    public static RegionOfInterest wholeFrame() {
        return new RegionOfInterest(0, 0, 1, 1);
    }
}
