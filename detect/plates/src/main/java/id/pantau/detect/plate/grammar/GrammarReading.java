package id.pantau.detect.plate.grammar;

/**
 * {@code posterior}: the reading's share of the beam (NaN from the Viterbi decoder); {@code peakSteps}: the
 * recogniser step where each character peaked (null from the Viterbi decoder).
 *
 * A plate decoded under the grammar, with each character's probability (in {@link PlateNumber#compact()} order)
 * and the log-probability of the whole best path.
 */
public record GrammarReading(PlateNumber plate, double[] confidences, double logProbability, double posterior,
                             int[] peakSteps) {
    public GrammarReading(PlateNumber plate, double[] confidences, double logProbability) {
        this(plate, confidences, logProbability, Double.NaN, null);
    }

    /** The weakest character's probability. */
    public double minConfidence() {
        double m = 1;
        for (double c : confidences) {
            m = Math.min(m, c);
        }
        return confidences.length == 0 ? 0 : m;
    }

    /** Geometric mean of the character probabilities: one weak character pulls it down clearly. */
    public double confidence() {
        double s = 0;
        for (double c : confidences) {
            s += Math.log(Math.max(1e-9, c));
        }
        return confidences.length == 0 ? 0 : Math.exp(s / confidences.length);
    }
}
