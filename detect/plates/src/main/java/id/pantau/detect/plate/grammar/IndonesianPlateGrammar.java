package id.pantau.detect.plate.grammar;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Indonesian plate grammar: a region code (1-2 letters from the official table), 1-4 digits, 0-3 letters.
 *
 * <p>{@link #parse} turns free text from any reader into a {@link PlateNumber}, fixing the usual look-alike
 * confusions (0/O, 1/I, 8/B, 5/S, 2/Z, 6/G, 4/A, 7/T) only in the slot whose type demands it: an "O" in the
 * number becomes "0", a "0" in the suffix becomes "O", and nothing else is touched. Among the ways to split the
 * characters into slots, the one needing fewest fixes wins; spaces in the input, when present, must agree with the
 * split.
 */
public final class IndonesianPlateGrammar {
    private static final Map<Character, Character> DIGIT_FOR_LETTER = Map.ofEntries(
            Map.entry('O', '0'), Map.entry('D', '0'), Map.entry('Q', '0'), Map.entry('U', '0'),
            Map.entry('I', '1'), Map.entry('L', '1'), Map.entry('J', '1'), Map.entry('T', '7'),
            Map.entry('Z', '2'), Map.entry('A', '4'), Map.entry('S', '5'), Map.entry('G', '6'), Map.entry('B', '8'));
    private static final Map<Character, Character> LETTER_FOR_DIGIT = Map.ofEntries(
            Map.entry('0', 'O'), Map.entry('1', 'I'), Map.entry('2', 'Z'), Map.entry('4', 'A'), Map.entry('5', 'S'),
            Map.entry('6', 'G'), Map.entry('7', 'T'), Map.entry('8', 'B'));

    private final RegionTable regions;

    public IndonesianPlateGrammar(RegionTable regions) {
        this.regions = regions;
    }

    public static IndonesianPlateGrammar standard() {
        return new IndonesianPlateGrammar(RegionTable.indonesia());
    }

    public RegionTable regions() {
        return regions;
    }

    public Optional<Region> region(PlateNumber plate) {
        return regions.region(plate.prefix());
    }

    /** Reads free text (e.g. {@code "bh1234 xy"}, {@code "BH I234XY"}) as a plate, or empty if it cannot be one. */
    public Optional<PlateNumber> parse(String raw) {
        String cleaned = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9 ]", " ").trim().replaceAll(" +", " ");
        String chars = cleaned.replace(" ", "");
        if (chars.length() < 2 || chars.length() > 9) {
            return Optional.empty();
        }
        // positions after which the input had a space: a split must not cut a group of the input elsewhere
        boolean[] spaceAfter = new boolean[chars.length()];
        for (int i = 0, k = 0; i < cleaned.length(); i++) {
            if (cleaned.charAt(i) == ' ') {
                spaceAfter[k - 1] = true;
            } else {
                k++;
            }
        }
        PlateNumber best = null;
        int bestCost = Integer.MAX_VALUE;
        for (int p = 1; p <= 2; p++) {
            for (int d = 1; d <= 4; d++) {
                int s = chars.length() - p - d;
                if (s < 0 || s > 3) {
                    continue;
                }
                int cost = 0;
                StringBuilder out = new StringBuilder(chars.length());
                for (int i = 0; i < chars.length() && cost < Integer.MAX_VALUE; i++) {
                    boolean wantDigit = i >= p && i < p + d;
                    char c = chars.charAt(i);
                    Character fixed = wantDigit ? toDigit(c) : toLetter(c);
                    if (fixed == null) {
                        cost = Integer.MAX_VALUE;
                    } else {
                        cost += fixed == c ? 0 : 1;
                        out.append(fixed);
                    }
                }
                if (cost == Integer.MAX_VALUE || !regions.isCode(out.substring(0, p))) {
                    continue;
                }
                cost += spacePenalty(spaceAfter, p, d, chars.length());
                if (cost < bestCost) {
                    bestCost = cost;
                    String o = out.toString();
                    best = new PlateNumber(o.substring(0, p), o.substring(p, p + d), o.substring(p + d));
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Spaces the input put inside a slot cost 2 each; slot boundaries without a space are free. */
    private static int spacePenalty(boolean[] spaceAfter, int p, int d, int n) {
        int penalty = 0;
        for (int i = 0; i < n - 1; i++) {
            boolean boundary = i == p - 1 || i == p + d - 1;
            if (spaceAfter[i] && !boundary) {
                penalty += 2;
            }
        }
        return penalty;
    }

    private static Character toDigit(char c) {
        return Character.isDigit(c) ? Character.valueOf(c) : DIGIT_FOR_LETTER.get(c);
    }

    private static Character toLetter(char c) {
        return Character.isLetter(c) ? Character.valueOf(c) : LETTER_FOR_DIGIT.get(c);
    }
}
