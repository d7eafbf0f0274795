package id.pantau.detect.plate;

import id.pantau.detect.plate.grammar.GrammarReading;

/**
 * Turns a decoded plate's evidence into the probability that it is exactly right (logistic regression):
 * {@code p = sigmoid(bias + wPosterior * logit(posterior) + wMean * log(mean character probability)
 * + wMin * log(weakest character probability) + wLength * characters + wOutside * characters outside the text)}.
 * The posterior is the reading's share of the beam (how far it beats the next grammatical reading); the character
 * probabilities say how sure the recogniser was of each glyph.
 *
 * <p>{@link #fitted()} was fitted on the dev part only (plate crops and street photos whose file-name hash puts
 * them in dev; see {@code CalibrationFitTest} and docs/plates.md); the held-out part measures it.
 */
public record ConfidenceCalibration(double bias, double wPosterior, double wMean, double wMin, double wLength,
                                    double wOutside) {
    /**
     * Threshold on the calibrated confidence, chosen on the dev part's reliability curve: at 0.95, 144 of the 146
     * dev plates above it were right (98.6 %); the two confident errors are a frame bar read as a last letter and a
     * lost last letter. No higher round threshold does clearly better on dev (0.98: 41 of 42).
     */
    public static final double DEFAULT_THRESHOLD = 0.95;

    /**
     * A reading is READ only when no other grammatical reading of the same plate is itself plausible: a runner-up at
     * or above this calibrated confidence makes the plate UNCERTAIN, whatever the best one scores. Each alternative
     * is calibrated on its own, so two of them above 0.8 means the evidence fits both, which is exactly the confusion
     * an officer must settle ({@code AA 887 TA} against {@code AA 8871 A}, {@code BG} against {@code B 6}). Chosen on
     * the dev street photos as the loosest bound that keeps READ plates at least 99 % right there (at 0.95: 1.0 ->
     * 98.0 %, 0.8 -> 99.0 %); held-out figures in docs/plates.md.
     */
    public static final double MAX_RUNNER_UP = 0.8;

    /** No calibration: the geometric mean of the character probabilities, as before. */
    public static ConfidenceCalibration raw() {
        return new ConfidenceCalibration(Double.NaN, 0, 0, 0, 0, 0);
    }

    /**
     * Fitted on the dev part (77 crops + 202 located scene plates, 237 right; scene search with the text-line
     * proposals) by {@code CalibrationFitTest} ({@code -Dplates.fit=true}).
     */
    public static ConfidenceCalibration fitted() {
        return new ConfidenceCalibration(9.9199, 0.8991, 3.4235, -0.1479, -0.8920, -2.2051);
    }

    /** @param outside characters placed well outside the text the detector saw (see PlateReader.LineScores) */
    public double confidence(GrammarReading g, int outside) {
        if (Double.isNaN(bias)) {
            return g.confidence();
        }
        double[] x = features(g, outside);
        double z = bias + wPosterior * x[0] + wMean * x[1] + wMin * x[2] + wLength * x[3] + wOutside * x[4];
        return 1 / (1 + Math.exp(-z));
    }

    /** logit(posterior), log(geometric mean), log(min), number of characters, characters outside the text. */
    public static double[] features(GrammarReading g, int outside) {
        double post = Math.clamp(Double.isNaN(g.posterior()) ? 0.5 : g.posterior(), 1e-6, 1 - 1e-6);
        return new double[]{Math.log(post / (1 - post)), Math.log(Math.max(1e-6, g.confidence())),
                Math.log(Math.max(1e-6, g.minConfidence())), g.confidences().length, outside};
    }
}
