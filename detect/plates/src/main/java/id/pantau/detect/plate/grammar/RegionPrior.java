package id.pantau.detect.plate.grammar;

import java.util.HashMap;
import java.util.Map;

/**
 * How likely each region code is to be seen by a camera, as a log-probability added to a reading's score by the
 * beam decoder. Only real codes can be read at all (the grammar sees to that); the prior decides between real codes
 * the recogniser finds about equally likely ({@code B} vs {@code BG}). The default is uniform over the table, which
 * leaves the decision to the recogniser; a deployment should give the codes it actually sees more weight
 * ({@link #favouring}), e.g. from a week of its own voted readings.
 */
public final class RegionPrior {
    private final Map<String, Double> logPrior;
    private final double otherLog;

    private RegionPrior(Map<String, Double> logPrior, double otherLog) {
        this.logPrior = Map.copyOf(logPrior);
        this.otherLog = otherLog;
    }

    /** Every code of the table equally likely. */
    public static RegionPrior uniform(RegionTable regions) {
        return new RegionPrior(Map.of(), -Math.log(Math.max(1, regions.all().size())));
    }

    /**
     * Counts of codes seen (e.g. voted readings of this camera) with add-{@code alpha} smoothing over the whole
     * table, so that an unseen code stays readable, only less likely.
     */
    public static RegionPrior fromCounts(RegionTable regions, Map<String, Integer> counts, double alpha) {
        double total = alpha * regions.all().size();
        for (String code : regions.all().keySet()) {
            total += counts.getOrDefault(code, 0);
        }
        Map<String, Double> log = new HashMap<>();
        for (String code : regions.all().keySet()) {
            log.put(code, Math.log((counts.getOrDefault(code, 0) + alpha) / total));
        }
        return new RegionPrior(log, Math.log(alpha / total));
    }

    /** The given codes share {@code share} of the probability, the rest of the table the remainder. */
    public static RegionPrior favouring(RegionTable regions, java.util.Collection<String> local, double share) {
        int others = regions.all().size() - local.size();
        Map<String, Double> log = new HashMap<>();
        for (String code : regions.all().keySet()) {
            log.put(code, local.contains(code) ? Math.log(share / local.size())
                    : Math.log((1 - share) / Math.max(1, others)));
        }
        return new RegionPrior(log, Math.log((1 - share) / Math.max(1, others)));
    }

    public double logPrior(String code) {
        return logPrior.getOrDefault(code, otherLog);
    }
}
