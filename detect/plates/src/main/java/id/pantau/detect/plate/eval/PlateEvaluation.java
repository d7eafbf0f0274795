package id.pantau.detect.plate.eval;

import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.PlateReading;
import id.pantau.detect.plate.eval.PlateLabels.Label;
import id.pantau.detect.plate.eval.PlateLabels.Part;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Scores plate readings against labels, split by part (dev / held-out), plate colour and vehicle type.
 *
 * <ul>
 *   <li><b>box recall</b>: a reading's box overlaps the labelled plate with IoU &gt;= 0.5 (crops: always);</li>
 *   <li><b>exact</b>: the best guess at that box (READ or not) equals the label (normalised text);</li>
 *   <li><b>CER</b>: edit distance of the best guess (READ text, else the top alternative) to the label, spaces
 *       ignored, over the label's characters (a plate not found counts all its characters as errors);</li>
 *   <li><b>READ</b>: share of labelled plates reported READ; <b>READ acc</b>: share of those that are exact;</li>
 *   <li><b>top-3</b>: the label is among the reading's three best grammatical alternatives.</li>
 * </ul>
 */
public final class PlateEvaluation {
    public static final double MIN_IOU = 0.5;

    /** What happened to one labelled plate: the reading found at its box (null when none was). */
    public record Outcome(Label label, PlateReading reading) {
        public boolean located() {
            return reading != null;
        }

        public boolean read() {
            return reading != null && reading.isRead();
        }

        /** READ and right. */
        public boolean exact() {
            return read() && reading.text().orElseThrow().equals(label.text());
        }

        /** The best guess (READ or not) is right. */
        public boolean guessRight() {
            return !guess().isEmpty() && guess().equals(label.text());
        }

        /** The reader's best grammatical guess, whatever its status ("" when it has none). */
        public String guess() {
            if (reading == null) {
                return "";
            }
            if (reading.isRead()) {
                return reading.text().orElseThrow();
            }
            return reading.alternatives().isEmpty() ? "" : reading.alternatives().getFirst().text();
        }

        public boolean inTop(int k) {
            return reading != null && reading.alternatives().stream().limit(k)
                    .anyMatch(a -> a.text().equals(label.text()));
        }

        public int characterErrors() {
            return editDistance(guess().replace(" ", ""), label.text().replace(" ", ""));
        }
    }

    /** Counts over a set of outcomes. */
    public record Stats(int plates, int located, int exact, int characterErrors, int characters, int read,
                        int readRight, int top3) {
        public double boxRecall() {
            return ratio(located, plates);
        }

        public double exactRate() {
            return ratio(exact, plates);
        }

        public double cer() {
            return ratio(characterErrors, characters);
        }

        public double readShare() {
            return ratio(read, plates);
        }

        public double readAccuracy() {
            return read == 0 ? Double.NaN : ratio(readRight, read);
        }

        public double top3Rate() {
            return ratio(top3, plates);
        }

        private static double ratio(int a, int b) {
            return b == 0 ? Double.NaN : (double) a / b;
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    /** Adds the result of one labelled picture: picks the reading at the labelled box (crops: the first one). */
    public Outcome add(Label label, List<PlateReading> readings) {
        PlateReading match = null;
        if (label.box() == null) {
            match = readings.isEmpty() ? null : readings.getFirst();
        } else {
            double best = MIN_IOU;
            for (PlateReading r : readings) {
                double iou = r.box().iou(label.box());
                if (iou >= best) {
                    best = iou;
                    match = r;
                }
            }
        }
        Outcome o = new Outcome(label, match);
        outcomes.add(o);
        return o;
    }

    public List<Outcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    public Stats stats(Predicate<Outcome> which) {
        int n = 0, located = 0, exact = 0, errors = 0, chars = 0, read = 0, right = 0, top3 = 0;
        for (Outcome o : outcomes) {
            if (!which.test(o)) {
                continue;
            }
            n++;
            located += o.located() ? 1 : 0;
            exact += o.guessRight() ? 1 : 0;
            int truth = o.label().text().replace(" ", "").length();
            errors += Math.min(Math.max(truth, o.guess().replace(" ", "").length()), o.characterErrors());
            chars += truth;
            read += o.read() ? 1 : 0;
            right += o.exact() ? 1 : 0;
            top3 += o.inTop(3) ? 1 : 0;
        }
        return new Stats(n, located, exact, errors, chars, read, right, top3);
    }

    public static Predicate<Outcome> part(Part p) {
        return o -> o.label().part() == p;
    }

    /**
     * A table: one row per part (all, dev, held-out) and, within each, per plate colour and per vehicle type.
     * Box recall is printed only when the labels have boxes (scenes).
     */
    public String report(String title) {
        boolean scenes = outcomes.stream().anyMatch(o -> o.label().box() != null);
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-28s %5s %9s %9s %7s %9s %9s %7s%n", "subset", "n",
                scenes ? "box-rec" : "", "exact", "CER", "READ", "READ-acc", "top-3"));
        List<Object[]> parts = List.of(new Object[]{"all", (Predicate<Outcome>) o -> true},
                new Object[]{Part.DEV.label(), part(Part.DEV)}, new Object[]{Part.HELD_OUT.label(), part(Part.HELD_OUT)});
        TreeSet<String> colours = new TreeSet<>(), vehicles = new TreeSet<>();
        outcomes.forEach(o -> {
            colours.add(o.label().colour());
            vehicles.add(o.label().vehicle());
        });
        for (Object[] p : parts) {
            @SuppressWarnings("unchecked") Predicate<Outcome> base = (Predicate<Outcome>) p[1];
            row(sb, (String) p[0], stats(base), scenes);
            if (colours.size() > 1 || !colours.contains("unknown")) {
                for (String c : colours) {
                    row(sb, "  " + p[0] + " colour=" + c, stats(base.and(o -> o.label().colour().equals(c))), scenes);
                }
            }
            if (vehicles.size() > 1 || !vehicles.contains("unknown")) {
                for (String v : vehicles) {
                    row(sb, "  " + p[0] + " vehicle=" + v, stats(base.and(o -> o.label().vehicle().equals(v))), scenes);
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Stats s, boolean scenes) {
        sb.append(String.format(Locale.ROOT, "%-28s %5d %9s %9s %7s %9s %9s %7s%n", name, s.plates(),
                scenes ? pct(s.boxRecall()) : "", pct(s.exactRate()), pct(s.cer()), pct(s.readShare()),
                pct(s.readAccuracy()) + (s.read() - s.readRight() > 0 ? "" : ""), pct(s.top3Rate())));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /**
     * Reliability: the reader's best guesses binned by their confidence, with the share of them that were right.
     * A calibrated confidence has accuracy close to the bin's confidences.
     */
    public String reliability(Predicate<Outcome> which, double... edges) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-13s %6s %8s %9s%n", "confidence", "n",
                "right", "accuracy"));
        for (int i = 0; i + 1 < edges.length; i++) {
            double lo = edges[i], hi = edges[i + 1];
            boolean last = i + 2 == edges.length;
            int n = 0, right = 0;
            for (Outcome o : outcomes) {
                if (!which.test(o) || o.reading() == null || o.guess().isEmpty()) {
                    continue;
                }
                double c = o.reading().confidence();
                if (c >= lo && (c < hi || (last && c <= hi))) {
                    n++;
                    right += o.guess().equals(o.label().text()) ? 1 : 0;
                }
            }
            sb.append(String.format(Locale.ROOT, "[%.2f, %.2f%s %6d %8d %9s%n", lo, hi, last ? "]" : ")", n, right,
                    n == 0 ? "-" : pct((double) right / n)));
        }
        return sb.toString();
    }

    /** Levenshtein distance. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static boolean overlaps(BoundingBox a, BoundingBox b) {
        return a.iou(b) >= MIN_IOU;
    }
}
