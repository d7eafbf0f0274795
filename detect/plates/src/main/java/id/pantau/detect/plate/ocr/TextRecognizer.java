package id.pantau.detect.plate.ocr;

import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.runtime.OnnxModel;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * PP-OCR's CTC text recogniser on one line image: resized to height 48 keeping its aspect ratio, scaled to
 * [-1, 1], padded on the right with zeros to at least 320 wide (PaddleOCR's own single-image layout).
 */
public final class TextRecognizer {
    static final int HEIGHT = 48;
    private static final int MIN_WIDTH = 320;
    private static final int MAX_WIDTH = 1280;
    private static final int[] BGR = {0, 1, 2};
    private static final float[] HALF = {1, 1, 1};

    private final OnnxModel model;
    private final CharacterSet characters;

    public TextRecognizer(OnnxModel model, CharacterSet characters) {
        this.model = model;
        this.characters = characters;
    }

    public CtcScores recognise(Mat line) {
        int w = (int) Math.ceil(HEIGHT * (double) line.cols() / line.rows());
        w = Math.clamp(w, 8, MAX_WIDTH);
        int canvas = Math.max(MIN_WIDTH, w);
        float[] input = new float[3 * HEIGHT * canvas];
        try (Mat resized = MatImages.resize(line, w, HEIGHT)) {
            // x / 127.5 - 1 written as (x/255 - 0.5) / 0.5
            MatImages.toChw(resized, BGR, 1f / 255, new float[]{0.5f, 0.5f, 0.5f}, new float[]{0.5f, 0.5f, 0.5f},
                    input, canvas, HEIGHT);
        }
        OnnxModel.Tensor out = model.run("x", input, 1, 3, HEIGHT, canvas);
        if (out.dim(2) != characters.size()) {
            throw new IllegalStateException("recogniser has " + out.dim(2) + " classes but the character list "
                    + characters.size() + ": use the ppocr_keys_v1.txt that belongs to the model");
        }
        return new CtcScores(out.values(), out.dim(1), out.dim(2), characters);
    }
}
