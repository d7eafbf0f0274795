package id.pantau.detect.preprocess;

/** A rectangle of a frame in integer source pixels: the whole frame, or one tile of it. */
public record PixelRegion(int x, int y, int width, int height) {
    public PixelRegion {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + width + "x" + height
                    + " must start inside the frame and have a positive size");
        }
    }

    public static PixelRegion whole(int width, int height) {
        return new PixelRegion(0, 0, width, height);
    }

    public boolean fitsIn(int frameWidth, int frameHeight) {
        return x + width <= frameWidth && y + height <= frameHeight;
    }
}
