package id.pantau.detect.plate.grammar;

import id.pantau.detect.plate.ocr.CharacterSet;
import id.pantau.detect.plate.ocr.CtcScores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the recogniser's CTC output under the plate grammar: the most probable path that spells
 * {@code <region code> <1-4 digits> <0-3 letters>} (Viterbi over the CTC lattice crossed with the grammar's
 * automaton). At a digit slot only digits compete, at a letter slot only letters, and the region prefix must be a
 * real code; so an "O"-looking glyph in the number is read as the most likely digit from the model's own
 * probabilities, not by a fixed substitution. Anything that is not a plate character (dots of the expiry date,
 * punctuation, other scripts) counts as a CTC blank.
 */
public final class GrammarCtcDecoder {
    private static final String CHARS = CharacterSet.PLATE_CHARACTERS;
    private static final int N = CHARS.length();            // 36 plate characters
    private static final int BLANK = N;                     // "nothing emitted since the last blank" column
    private static final double FLOOR = 1e-12;
    private static final int MAX_DIGITS = 4;
    private static final int MAX_SUFFIX = 3;

    private final int states;
    /** next[state][char] = following state, or -1 if the grammar forbids that character there */
    private final int[][] next;
    private final boolean[] accepting;
    /** slot of each state's last character: 0 prefix, 1 digits, 2 suffix */
    private final int[] slot;

    private final RegionPrior prior;

    public GrammarCtcDecoder(RegionTable regions) {
        this(regions, RegionPrior.uniform(regions));
    }

    public GrammarCtcDecoder(RegionTable regions, RegionPrior prior) {
        this.prior = prior;
        // states: 0 start; 1..26 first letter; then two-letter codes; then digits 1..4; then suffix 1..3
        List<String> prefixes = new ArrayList<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            prefixes.add(String.valueOf(c));
        }
        List<String> twoLetter = regions.all().keySet().stream().filter(c -> c.length() == 2).sorted().toList();
        prefixes.addAll(twoLetter);
        int firstDigit = 1 + prefixes.size();
        int firstSuffix = firstDigit + MAX_DIGITS;
        states = firstSuffix + MAX_SUFFIX;
        next = new int[states][N];
        for (int[] row : next) {
            Arrays.fill(row, -1);
        }
        accepting = new boolean[states];
        slot = new int[states];
        for (int k = 0; k < 26; k++) {
            char c = (char) ('A' + k);
            if (regions.startsCode(c)) {
                next[0][k] = 1 + k;
            }
        }
        for (int i = 0; i < twoLetter.size(); i++) {
            String code = twoLetter.get(i);
            next[1 + (code.charAt(0) - 'A')][code.charAt(1) - 'A'] = 1 + 26 + i;
        }
        for (int s = 1; s < firstDigit; s++) {
            if (regions.isCode(prefixes.get(s - 1))) {
                for (int dgt = 26; dgt < N; dgt++) {
                    next[s][dgt] = firstDigit;
                }
            }
        }
        for (int i = 0; i < MAX_DIGITS; i++) {
            int s = firstDigit + i;
            slot[s] = 1;
            accepting[s] = true;
            for (int k = 0; k < N; k++) {
                if (k >= 26 && i + 1 < MAX_DIGITS) {
                    next[s][k] = s + 1;
                } else if (k < 26) {
                    next[s][k] = firstSuffix;
                }
            }
        }
        for (int i = 0; i < MAX_SUFFIX; i++) {
            int s = firstSuffix + i;
            slot[s] = 2;
            accepting[s] = true;
            if (i + 1 < MAX_SUFFIX) {
                for (int k = 0; k < 26; k++) {
                    next[s][k] = s + 1;
                }
            }
        }
    }

    /** The best grammatical reading, or empty when the line is too short to hold any plate. */
    public Optional<GrammarReading> decode(CtcScores scores) {
        float[][] p = withinClass(scores.plateCharacterProbabilities());
        int steps = p.length;
        if (steps == 0) {
            return Optional.empty();
        }
        int width = N + 1;
        double[] cur = new double[states * width];
        double[] nxt = new double[states * width];
        Arrays.fill(cur, Double.NEGATIVE_INFINITY);
        cur[BLANK] = 0;                                     // start state, nothing emitted
        int[][] back = new int[steps][states * width];      // predecessor cell index, -1 none
        for (int t = 0; t < steps; t++) {
            Arrays.fill(nxt, Double.NEGATIVE_INFINITY);
            int[] bp = back[t];
            Arrays.fill(bp, -1);
            double[] lp = new double[width];
            for (int k = 0; k < width; k++) {
                lp[k] = Math.log(Math.max(FLOOR, p[t][k]));
            }
            for (int s = 0; s < states; s++) {
                int base = s * width;
                // best and second best cell of this state, to find "best predecessor not on char k" in O(1)
                int best = -1, second = -1;
                for (int k = 0; k < width; k++) {
                    double v = cur[base + k];
                    if (v == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (best < 0 || v > cur[base + best]) {
                        second = best;
                        best = k;
                    } else if (second < 0 || v > cur[base + second]) {
                        second = k;
                    }
                }
                if (best < 0) {
                    continue;
                }
                // a blank (or non-plate symbol): stay in the state, now "after blank"
                relax(nxt, bp, base + BLANK, cur[base + best] + lp[BLANK], base + best);
                for (int k = 0; k < N; k++) {
                    // the same character again without a blank between: CTC merges it into the last one
                    if (cur[base + k] != Double.NEGATIVE_INFINITY) {
                        relax(nxt, bp, base + k, cur[base + k] + lp[k], base + k);
                    }
                    int to = next[s][k];
                    if (to < 0) {
                        continue;
                    }
                    int from = best != k ? best : second;
                    if (from < 0) {
                        continue;
                    }
                    relax(nxt, bp, to * width + k, cur[base + from] + lp[k], base + from);
                }
            }
            double[] swap = cur;
            cur = nxt;
            nxt = swap;
        }
        int end = -1;
        for (int s = 0; s < states; s++) {
            if (!accepting[s]) {
                continue;
            }
            for (int k = 0; k < width; k++) {
                int cell = s * width + k;
                if (cur[cell] != Double.NEGATIVE_INFINITY && (end < 0 || cur[cell] > cur[end])) {
                    end = cell;
                }
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(backtrack(back, p, end, width, cur[end]));
    }

    /** Beam width of {@link #decodeTop}: plenty for plates of at most 9 characters. */
    private static final int BEAM = 24;

    /**
     * The {@code k} most probable grammatical readings by CTC prefix beam search over the grammar's automaton: each
     * reading's probability sums every alignment that spells it (Viterbi keeps only the best one), plus the region
     * prior's log-probability. {@link GrammarReading#posterior()} is each reading's share of the probability of
     * all complete readings left in the beam: how much the recogniser and grammar prefer it over the next best.
     */
    public List<GrammarReading> decodeTop(CtcScores scores, int k) {
        // ranked with the class-shared probabilities (as the Viterbi decoder: 110/116 crops against 107 raw), but
        // each character's confidence is the model's own probability: a character the grammar forced (a digit
        // where the model saw a letter) must show what the model thinks of it
        float[][] raw = scores.plateCharacterProbabilities();
        float[][] p = withinClass(scores.plateCharacterProbabilities());
        if (p.length == 0) {
            return List.of();
        }
        int t = -1;
        java.util.Map<String, Hyp> beam = new java.util.HashMap<>();
        beam.put("", new Hyp("", 0, new int[0], new double[0], 0, Double.NEGATIVE_INFINITY));
        for (float[] step : p) {
            float[] own = raw[++t];
            double lb = Math.log(Math.max(FLOOR, step[BLANK]));
            java.util.Map<String, Hyp> following = new java.util.HashMap<>();
            for (Hyp h : beam.values()) {
                double total = logAdd(h.pb, h.pnb);
                // blank: the same text, now after a blank
                Hyp same = following.get(h.text);
                if (same == null) {
                    same = h.copyEmpty();
                    following.put(h.text, same);
                } else {
                    same.merge(h, h.conf.length);
                }
                same.pb = logAdd(same.pb, total + lb);
                if (!h.text.isEmpty()) {
                    // the last character again without a blank: CTC merges it
                    int last = h.chars[h.chars.length - 1];
                    double lp = Math.log(Math.max(FLOOR, step[last]));
                    same.pnb = logAdd(same.pnb, h.pnb + lp);
                    same.raiseLast(own[last], t);
                }
                for (int c = 0; c < N; c++) {
                    int to = next[h.state][c];
                    if (to < 0) {
                        continue;
                    }
                    double lp = Math.log(Math.max(FLOOR, step[c]));
                    boolean repeat = h.chars.length > 0 && h.chars[h.chars.length - 1] == c;
                    double from = repeat ? h.pb : total;       // a repeated character needs a blank between
                    if (from == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    String text = h.text + CHARS.charAt(c);
                    Hyp ext = following.get(text);
                    if (ext == null) {
                        ext = h.extended(c, to, own[c], t);
                        following.put(text, ext);
                    } else {
                        ext.merge(h, h.conf.length);
                        ext.raiseLast(own[c], t);
                    }
                    ext.pnb = logAdd(ext.pnb, from + lp);
                }
            }
            beam = prune(following);
        }
        List<Hyp> complete = new ArrayList<>();
        for (Hyp h : beam.values()) {
            if (accepting[h.state]) {
                complete.add(h);
            }
        }
        if (complete.isEmpty()) {
            return List.of();
        }
        double[] score = new double[complete.size()];
        double norm = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < complete.size(); i++) {
            Hyp h = complete.get(i);
            score[i] = logAdd(h.pb, h.pnb) + prior.logPrior(prefixOf(h));
            norm = logAdd(norm, score[i]);
        }
        Integer[] order = new Integer[complete.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<GrammarReading> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            Hyp h = complete.get(order[i]);
            out.add(new GrammarReading(plateOf(h), h.conf.clone(), score[order[i]], Math.exp(score[order[i]] - norm),
                    h.peak.clone()));
        }
        return out;
    }

    private String prefixOf(Hyp h) {
        int n = 0;
        while (n < h.chars.length && slotOfChar(h, n) == 0) {
            n++;
        }
        return h.text.substring(0, n);
    }

    private int slotOfChar(Hyp h, int i) {
        return h.slots[i];
    }

    private PlateNumber plateOf(Hyp h) {
        int pl = 0, d = 0;
        for (int s : h.slots) {
            pl += s == 0 ? 1 : 0;
            d += s == 1 ? 1 : 0;
        }
        return new PlateNumber(h.text.substring(0, pl), h.text.substring(pl, pl + d), h.text.substring(pl + d));
    }

    private java.util.Map<String, Hyp> prune(java.util.Map<String, Hyp> all) {
        if (all.size() <= BEAM) {
            return all;
        }
        List<Hyp> list = new ArrayList<>(all.values());
        list.sort((a, b) -> Double.compare(logAdd(b.pb, b.pnb), logAdd(a.pb, a.pnb)));
        java.util.Map<String, Hyp> kept = new java.util.HashMap<>();
        for (Hyp h : list.subList(0, BEAM)) {
            kept.put(h.text, h);
        }
        return kept;
    }

    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** A prefix in the beam: its text, automaton state, slot of each character, their best step probabilities. */
    private final class Hyp {
        final String text;
        final int state;
        final int[] chars;
        final int[] slots;
        final double[] conf;
        /** the step where each character's probability peaked */
        final int[] peak;
        double pb;
        double pnb;

        Hyp(String text, int state, int[] chars, double[] conf, double pb, double pnb) {
            this.peak = new int[chars.length];
            this.text = text;
            this.state = state;
            this.chars = chars;
            this.conf = conf;
            this.pb = pb;
            this.pnb = pnb;
            this.slots = new int[chars.length];
        }

        Hyp copyEmpty() {
            Hyp h = new Hyp(text, state, chars, conf.clone(), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
            System.arraycopy(slots, 0, h.slots, 0, slots.length);
            System.arraycopy(peak, 0, h.peak, 0, peak.length);
            return h;
        }

        Hyp extended(int c, int to, double probability, int step) {
            int[] ch = java.util.Arrays.copyOf(chars, chars.length + 1);
            ch[chars.length] = c;
            double[] cf = java.util.Arrays.copyOf(conf, conf.length + 1);
            cf[conf.length] = probability;
            Hyp h = new Hyp(text + CHARS.charAt(c), to, ch, cf, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
            System.arraycopy(slots, 0, h.slots, 0, slots.length);
            h.slots[chars.length] = slot[to];
            System.arraycopy(peak, 0, h.peak, 0, peak.length);
            h.peak[chars.length] = step;
            return h;
        }

        /** Keeps, per character, the best probability seen on any path (the paths of one text are summed). */
        void merge(Hyp other, int n) {
            for (int i = 0; i < Math.min(n, conf.length); i++) {
                if (other.conf[i] > conf[i]) {
                    conf[i] = other.conf[i];
                    peak[i] = other.peak[i];
                }
            }
        }

        void raiseLast(double probability, int step) {
            if (conf.length > 0 && probability > conf[conf.length - 1]) {
                conf[conf.length - 1] = probability;
                peak[conf.length - 1] = step;
            }
        }
    }

    private GrammarReading backtrack(int[][] back, float[][] p, int end, int width, double logProbability) {
        int steps = back.length;
        int[] cellAt = new int[steps];
        int cell = end;
        for (int t = steps - 1; t >= 0; t--) {
            cellAt[t] = cell;
            cell = back[t][cell];
        }
        StringBuilder text = new StringBuilder();
        List<Double> conf = new ArrayList<>();
        int[] slots = new int[3];
        int previous = 0 * width + BLANK;
        for (int t = 0; t < steps; t++) {
            int c = cellAt[t];
            int k = c % width, s = c / width;
            if (k != BLANK) {
                boolean newChar = c != previous;
                if (newChar) {
                    text.append(CHARS.charAt(k));
                    conf.add((double) p[t][k]);
                    slots[slot[s]]++;
                } else {
                    conf.set(conf.size() - 1, Math.max(conf.getLast(), p[t][k]));
                }
            }
            previous = c;
        }
        String chars = text.toString();
        int pl = chars.length() - slots[1] - slots[2];
        PlateNumber plate = new PlateNumber(chars.substring(0, pl), chars.substring(pl, pl + slots[1]),
                chars.substring(pl + slots[1]));
        return new GrammarReading(plate, conf.stream().mapToDouble(Double::doubleValue).toArray(), logProbability);
    }

    /**
     * How far each step's probabilities are shared out within their class (see {@link #withinClass}): 1 = fully,
     * 0 = raw. Half-way reads a "4" the model took for "L" as a 4 where a digit must stand (same accuracy as fully
     * on the Indonesian set: 110/116 against 108 raw), but keeps the confidence of such forced characters low, so
     * that a plate whose region letter was cut off is not read with a confident invented region.
     */
    private static final double MIX = 0.5;

    /**
     * Each step's plate-character mass, shared out within letters and within digits: the probability of letter
     * {@code k} becomes {@code p(k) / P(any letter) * P(any plate character)}, and the same for digits, mixed
     * with the raw value by {@link #MIX}. A slot that demands a digit then compares digits with each other by the
     * model's own preferences, even where the model liked a look-alike letter better, while the blank keeps its
     * own probability, so steps with no character stay empty.
     */
    private static float[][] withinClass(float[][] p) {
        for (float[] step : p) {
            double letters = 0, digits = 0;
            for (int k = 0; k < N; k++) {
                if (k < 26) {
                    letters += step[k];
                } else {
                    digits += step[k];
                }
            }
            double any = letters + digits;
            for (int k = 0; k < N; k++) {
                double share = k < 26 ? letters : digits;
                double renormalised = share > 0 ? step[k] * any / share : 0;
                step[k] = (float) ((1 - MIX) * step[k] + MIX * renormalised);
            }
        }
        return p;
    }

    private static void relax(double[] nxt, int[] bp, int cell, double value, int from) {
        if (value > nxt[cell]) {
            nxt[cell] = value;
            bp[cell] = from;
        }
    }
}
