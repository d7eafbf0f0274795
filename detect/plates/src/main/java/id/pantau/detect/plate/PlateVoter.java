package id.pantau.detect.plate;

import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.detect.plate.grammar.PlateNumber;
import id.pantau.detect.plate.grammar.Region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combines the readings of one tracked vehicle's plate over several frames into one answer.
 *
 * <p>Readings are aligned by grammar slot, not by string position: first the layout (how many prefix letters,
 * digits and suffix letters) is chosen by summed confidence; among the readings with that layout the region prefix
 * is voted as a whole (so the result is always a real region code) and every digit and suffix letter by its
 * summed character probability. A character's voted confidence is its summed probability divided by the number of
 * voting readings, so disagreement lowers it as much as blur does. When the voted confidence stays below the
 * threshold, or no frame gave a grammatical reading, the result is UNREADABLE: a plate is never guessed.
 * The crop kept as evidence is the most confident frame that agrees with the result. Not thread-safe: one voter per
 * track.
 */
public final class PlateVoter {
    private final IndonesianPlateGrammar grammar;
    private final double minConfidence;
    private final List<PlateReading> readings = new ArrayList<>();

    public PlateVoter(IndonesianPlateGrammar grammar, double minConfidence) {
        this.grammar = grammar;
        this.minConfidence = minConfidence;
    }

    public void add(PlateReading reading) {
        readings.add(reading);
    }

    public int size() {
        return readings.size();
    }

    /** The voted plate; empty until at least one reading was added. */
    public Optional<PlateReading> result() {
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        List<PlateReading> read = readings.stream().filter(PlateReading::isRead).toList();
        if (read.isEmpty()) {
            PlateReading best = mostConfident(readings);
            return Optional.of(PlateReading.unreadable(best.confidence(), best.box(), best.crop()));
        }
        String layout = winner(read, r -> r.plate().layout(), PlateReading::confidence);
        List<PlateReading> same = read.stream().filter(r -> r.plate().layout().equals(layout)).toList();
        String prefix = winner(same, r -> r.plate().prefix(), r -> slotConfidence(r, 0, r.plate().prefix().length()));
        int p = prefix.length();
        int n = same.getFirst().plate().compact().length();
        double[] confidences = new double[n];
        StringBuilder chars = new StringBuilder(prefix);
        double prefixSupport = same.stream().filter(r -> r.plate().prefix().equals(prefix))
                .mapToDouble(r -> slotConfidence(r, 0, p)).sum() / same.size();
        for (int i = 0; i < p; i++) {
            confidences[i] = prefixSupport;
        }
        for (int i = p; i < n; i++) {
            final int pos = i;
            Map<Character, Double> votes = new HashMap<>();
            for (PlateReading r : same) {
                votes.merge(r.plate().compact().charAt(pos), r.characterConfidences()[pos], Double::sum);
            }
            Map.Entry<Character, Double> best = votes.entrySet().stream()
                    .max(Map.Entry.<Character, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            chars.append(best.getKey().charValue());
            confidences[pos] = best.getValue() / same.size();
        }
        String c = chars.toString();
        int d = same.getFirst().plate().digits().length();
        PlateNumber plate = new PlateNumber(c.substring(0, p), c.substring(p, p + d), c.substring(p + d));
        double confidence = geometricMean(confidences);
        PlateReading evidence = mostConfident(read.stream().filter(r -> r.plate().equals(plate)).toList().isEmpty()
                ? same : read.stream().filter(r -> r.plate().equals(plate)).toList());
        Optional<Region> region = grammar.region(plate);
        if (confidence < minConfidence || region.isEmpty()) {
            return Optional.of(PlateReading.unreadable(confidence, evidence.box(), evidence.crop()));
        }
        return Optional.of(new PlateReading(PlateStatus.READ, plate, region.get(), confidence, confidences,
                evidence.box(), evidence.crop()));
    }

    private static double slotConfidence(PlateReading r, int from, int to) {
        double min = 1;
        for (int i = from; i < to; i++) {
            min = Math.min(min, r.characterConfidences()[i]);
        }
        return min;
    }

    private static <T> String winner(List<T> items, java.util.function.Function<T, String> key,
                                     java.util.function.ToDoubleFunction<T> weight) {
        Map<String, Double> votes = new HashMap<>();
        for (T item : items) {
            votes.merge(key.apply(item), weight.applyAsDouble(item), Double::sum);
        }
        // ties broken by the key so that the result never depends on the order of the frames
        return votes.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }

    private static PlateReading mostConfident(List<PlateReading> list) {
        return list.stream().max(Comparator.comparingDouble(PlateReading::confidence)).orElseThrow();
    }

    private static double geometricMean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += Math.log(Math.max(1e-9, v));
        }
        return values.length == 0 ? 0 : Math.exp(s / values.length);
    }
}
