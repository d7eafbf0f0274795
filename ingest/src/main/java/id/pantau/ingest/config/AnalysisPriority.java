package id.pantau.ingest.config;

import java.util.Locale;

/**
 * Camera setting {@code priority}: how large a share of the analysis a camera gets when the node cannot analyse
 * every camera's frames. Shares, not precedence: a counting camera still gets its turns, only fewer.
 */
public enum AnalysisPriority {
    /** Counts and congestion only: one turn. */
    COUNTING(1),
    /** An ETLE enforcement camera: {@link #ENFORCEMENT_WEIGHT} turns for each turn of a counting camera. */
    ENFORCEMENT(AnalysisPriority.ENFORCEMENT_WEIGHT);

    /** Enforcement cameras' weight: a red-light run missed is a case lost, a vehicle uncounted is a rounding error. */
    public static final int ENFORCEMENT_WEIGHT = 2;

    private final int weight;

    AnalysisPriority(int weight) {
        this.weight = weight;
    }

    /** Turns of analysis per round under overload. */
    public int weight() {
        return weight;
    }

    /** {@code counting} or {@code enforcement}; null for anything else. */
    public static AnalysisPriority parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "counting" -> COUNTING;
            case "enforcement" -> ENFORCEMENT;
            default -> null;
        };
    }
}
