package id.pantau.detect.plate.ocr;

import id.pantau.detect.plate.image.Quad;

/** A line of text found by the text detector: its (possibly tilted) outline and the detector's mean confidence. */
public record TextLine(Quad outline, double score) {
    /**
     * Character height: the outline's vertical extent. Plates are rectified before their lines are found, so lines
     * run horizontally, and a single character (a one-letter region code) is taller than wide.
     */
    public double height() {
        return outline.height();
    }

    public double centerY() {
        return outline.corners().stream().mapToDouble(p -> p.y()).average().orElse(0);
    }
}
