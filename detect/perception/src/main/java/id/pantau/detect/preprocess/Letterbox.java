package id.pantau.detect.preprocess;

import id.pantau.core.perception.BoundingBox;

/**
 * How one source region was placed into the model input: scaled by {@code scaleX, scaleY} (equal up to the
 * rounding of the resized size, kept apart so the inverse is exact) and shifted by {@code padX, padY}
 * (model-input pixels). Boxes decoded in model-input pixels map back to source-frame pixels through it.
 */
public record Letterbox(PixelRegion region, double scaleX, double scaleY, double padX, double padY) {

    /** Width and height of the resized image inside the model input. */
    public int resizedWidth() {
        return (int) Math.round(region.width() * scaleX);
    }

    public int resizedHeight() {
        return (int) Math.round(region.height() * scaleY);
    }

    /** Model-input x to source-frame x. */
    public double toSourceX(double inputX) {
        return (inputX - padX) / scaleX + region.x();
    }

    /** Model-input y to source-frame y. */
    public double toSourceY(double inputY) {
        return (inputY - padY) / scaleY + region.y();
    }

    /** Source-frame x to model-input x (the forward mapping; used by tests and drawing). */
    public double toInputX(double sourceX) {
        return (sourceX - region.x()) * scaleX + padX;
    }

    public double toInputY(double sourceY) {
        return (sourceY - region.y()) * scaleY + padY;
    }

    /** Maps a model-input box back to source pixels, clipped to the region the model saw. */
    public BoundingBox toSource(double x1, double y1, double x2, double y2) {
        double rx2 = region.x() + region.width();
        double ry2 = region.y() + region.height();
        double sx1 = Math.clamp(toSourceX(x1), region.x(), rx2);
        double sy1 = Math.clamp(toSourceY(y1), region.y(), ry2);
        double sx2 = Math.clamp(toSourceX(x2), sx1, rx2);
        double sy2 = Math.clamp(toSourceY(y2), sy1, ry2);
        return new BoundingBox(sx1, sy1, sx2, sy2);
    }
}
