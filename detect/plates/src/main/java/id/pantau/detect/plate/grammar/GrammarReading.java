package id.pantau.detect.plate.grammar;

/**
 * A plate decoded under the grammar, with each character's probability (in {@link PlateNumber#compact()} order)
 * and the log-probability of the whole best path.
 */
public record GrammarReading(PlateNumber plate, double[] confidences, double logProbability) {
    /** Geometric mean of the character probabilities: one weak character pulls it down clearly. */
    public double confidence() {
        double s = 0;
        for (double c : confidences) {
            s += Math.log(Math.max(1e-9, c));
        }
        return confidences.length == 0 ? 0 : Math.exp(s / confidences.length);
    }
}
