package id.pantau.core.perception;

/** An axis-aligned box in source-frame pixels: (x1, y1) top-left, (x2, y2) bottom-right, x2 >= x1, y2 >= y1. */
public record BoundingBox(double x1, double y1, double x2, double y2) {
    public BoundingBox {
        if (!(x2 >= x1 && y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + " " + x2 + "," + y2);
        }
    }

    public static BoundingBox ofCenter(double cx, double cy, double w, double h) {
        return new BoundingBox(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    public double centerX() {
        return (x1 + x2) / 2;
    }

    public double centerY() {
        return (y1 + y2) / 2;
    }

    /** The bottom-centre: where the vehicle touches the road, the point line and zone logic uses. */
    public Point groundPoint() {
        return new Point(centerX(), y2);
    }

    public double iou(BoundingBox o) {
        double ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        double iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public boolean contains(BoundingBox inner) {
        return inner.x1 >= x1 && inner.y1 >= y1 && inner.x2 <= x2 && inner.y2 <= y2;
    }

    public BoundingBox clip(int width, int height) {
        return new BoundingBox(Math.clamp(x1, 0, width), Math.clamp(y1, 0, height),
                Math.clamp(x2, 0, width), Math.clamp(y2, 0, height));
    }
}
