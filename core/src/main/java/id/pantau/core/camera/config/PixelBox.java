package id.pantau.core.camera.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An image rectangle written as {@code [x1, y1, x2, y2]} (top-left, bottom-right, pixels). */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"x1", "y1", "x2", "y2"})
public record PixelBox(int x1, int y1, int x2, int y2) {
    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }
}
