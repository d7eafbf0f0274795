package id.pantau.detect.analytics.signal;

import id.pantau.core.camera.config.CameraConfig.Lamps;
import id.pantau.core.camera.config.PixelBox;
import id.pantau.core.event.SignalState;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Reads which lamp of a signal head is lit in one BGR frame; the state is the lamp position that is lit, which
 * holds even where the camera renders colours poorly, and three lamps lit at once reads as UNKNOWN rather than a
 * guess.
 * <p>
 * How bright and how coloured a lit lamp looks depends on the camera (exposure, white balance, distance, LED
 * type): one head renders a lit red at 230 and its green, cyan, at 150; another renders the same green at 100, and
 * an exposure change dims a lit lamp for a second or two. A fixed brightness cut therefore misreads some cameras.
 * So each lamp <b>learns its own lit and unlit levels</b>: per frame it measures the lamp region's mean
 * brightness (max channel) and mean saturation, and over the last {@code learnS} seconds (a signal cycle) it splits
 * the brightness values into two classes (Otsu's threshold on their histogram). Once both classes have been seen
 * ({@link #MIN_SAMPLES} frames each) and differ by at least {@link #MIN_CONTRAST} levels and a factor of
 * {@link #MIN_RATIO}, the lamp is lit when its
 * brightness is {@link #LIT_SHARE} of the way from its unlit to its lit level (and clear of the unlit level's
 * noise), and, where lit and unlit differ in colour, its saturation is at least half way from the unlit to the lit
 * saturation: sun glare on the housing is bright but grey and does not count. Until a lamp has been seen both lit
 * and unlit it is judged by the fixed rule: lit when {@link #LIT_FRACTION} of its pixels reach
 * {@code lamp_min_brightness} and are coloured (or clipped white at the LED core).
 */
public final class LampClassifier {
    /** Share of a lamp region's pixels that must be bright for the lamp to be lit (fixed rule, before learning). */
    static final double LIT_FRACTION = 0.2;
    /** Bright pixels this grey (HSV saturation) are glare, not a lamp, unless clipped white at the LED core. */
    static final double MIN_SATURATION = 0.25;
    /**
     * Where between its learned unlit and lit brightness a lamp counts as lit. Low, because the unlit level is
     * steady (the dark lens in the housing) while the lit level varies with exposure: a lit lamp dimmed to a third
     * of its usual brightness still reads lit.
     */
    static final double LIT_SHARE = 0.2;
    /** Learned classes closer than this (0-255 levels) are one state seen with noise, not lit and unlit. */
    static final double MIN_CONTRAST = 25;
    /**
     * The learned lit level must be at least this multiple of the unlit level. A lit LED is several times as bright
     * as its dark lens (Hanoi clip: red 8x, the cyan green 6x; a green rendered at 100 on a 25 housing 4x), while
     * the glow of a lit neighbour on an unlit lens, or a sunlit housing, changes it far less: such a lamp keeps the
     * fixed rule rather than learning its glow as "lit".
     */
    static final double MIN_RATIO = 2.0;
    /** Frames needed in each class before the learned levels are used. */
    static final int MIN_SAMPLES = 3;
    /** Lit and unlit saturations closer than this do not tell the states apart; brightness alone decides. */
    static final double MIN_SATURATION_CONTRAST = 0.15;
    /** At most this many frames are kept per lamp (a 300 s cycle at 25 fps). */
    static final int MAX_SAMPLES = 7500;

    private final Lamps lamps;
    private final double minBrightness;
    private final double learnS;
    private final LampModel red = new LampModel();
    private final LampModel amber = new LampModel();
    private final LampModel green = new LampModel();

    /** A classifier learning over 300 s (the default longest cycle). */
    public LampClassifier(Lamps lamps, double minBrightness) {
        this(lamps, minBrightness, 300);
    }

    /**
     * @param minBrightness fixed brightness cut used until a lamp's own levels are learned
     * @param learnS        how far back the lamp levels are learned from (the longest signal cycle)
     */
    public LampClassifier(Lamps lamps, double minBrightness, double learnS) {
        this.lamps = lamps;
        this.minBrightness = minBrightness;
        this.learnS = learnS;
    }

    /**
     * One reading, with per lamp how clearly it is lit: for a learned lamp its brightness as a multiple of its
     * unlit level, otherwise the share of lit pixels in its region.
     */
    public record Reading(SignalState state, double red, double amber, double green) {
    }

    /** What a lamp's learned levels say, for diagnostics; empty until learned. */
    public record Levels(double unlitBrightness, double litBrightness, double brightnessCut,
                         double unlitSaturation, double litSaturation, double saturationCut) {
    }

    /** Classifies a frame without a time: samples expire by count only. */
    public Reading classify(ByteBuffer bgr, int width, int height) {
        return classify(bgr, width, height, null);
    }

    /** Classifies a frame captured at {@code at} and learns from it. */
    public Reading classify(ByteBuffer bgr, int width, int height, Instant at) {
        Lamp r = red.judge(measure(bgr, width, height, lamps.red()), at);
        Lamp a = amber.judge(measure(bgr, width, height, lamps.amber()), at);
        Lamp g = green.judge(measure(bgr, width, height, lamps.green()), at);
        int lit = (r.lit ? 1 : 0) + (a.lit ? 1 : 0) + (g.lit ? 1 : 0);
        SignalState s;
        if (lit == 0) {
            s = SignalState.DARK;
        } else if (lit == 3) {
            s = SignalState.UNKNOWN;
        } else if (r.lit && (!a.lit || r.score >= a.score) && (!g.lit || r.score >= g.score)) {
            s = SignalState.RED;
        } else if (a.lit && (!g.lit || a.score >= g.score)) {
            s = SignalState.AMBER;
        } else {
            s = SignalState.GREEN;
        }
        return new Reading(s, r.score, a.score, g.score);
    }

    /** The learned levels of the red, amber and green lamp (null where not learned yet). */
    public Levels[] levels() {
        return new Levels[] {red.levels(), amber.levels(), green.levels()};
    }

    private record Measure(double brightness, double saturation, double litFraction) {
    }

    private record Lamp(boolean lit, double score) {
    }

    private Measure measure(ByteBuffer bgr, int width, int height, PixelBox box) {
        int x1 = Math.clamp(box.x1(), 0, width);
        int x2 = Math.clamp(box.x2(), 0, width);
        int y1 = Math.clamp(box.y1(), 0, height);
        int y2 = Math.clamp(box.y2(), 0, height);
        int total = 0;
        int lit = 0;
        double sumMax = 0;
        double sumSat = 0;
        for (int y = y1; y < y2; y++) {
            int row = y * width * 3;
            for (int x = x1; x < x2; x++) {
                int i = row + x * 3;
                int bl = bgr.get(i) & 0xff;
                int gr = bgr.get(i + 1) & 0xff;
                int rd = bgr.get(i + 2) & 0xff;
                int max = Math.max(rd, Math.max(gr, bl));
                int min = Math.min(rd, Math.min(gr, bl));
                total++;
                sumMax += max;
                sumSat += max == 0 ? 0 : (double) (max - min) / max;
                if (max >= minBrightness && (max >= 250 || (max - min) >= MIN_SATURATION * max)) {
                    lit++;
                }
            }
        }
        return total == 0 ? new Measure(0, 0, 0)
                : new Measure(sumMax / total, sumSat / total, (double) lit / total);
    }

    /** One lamp's recent brightness histogram (with saturation sums per bin) and the levels learned from it. */
    private final class LampModel {
        private final int[] count = new int[256];
        private final double[] satSum = new double[256];
        private final ArrayDeque<Sample> window = new ArrayDeque<>();
        private int n;

        private record Sample(Instant at, int bin, double saturation) {
        }

        Lamp judge(Measure m, Instant at) {
            add(m, at);
            Levels l = levels();
            if (l == null) {
                return new Lamp(m.litFraction() >= LIT_FRACTION, m.litFraction());
            }
            boolean lit = m.brightness() >= l.brightnessCut() && m.saturation() >= l.saturationCut();
            // how many times its own unlit level: where two lamps read lit (the glow of a lit lamp on its
            // neighbour's lens), the one lit far above its dark level is the lamp that is on
            return new Lamp(lit, m.brightness() / Math.max(1, l.unlitBrightness()));
        }

        private void add(Measure m, Instant at) {
            int bin = (int) Math.clamp(Math.round(m.brightness()), 0, 255);
            window.addLast(new Sample(at, bin, m.saturation()));
            count[bin]++;
            satSum[bin] += m.saturation();
            n++;
            while (n > MAX_SAMPLES || (at != null && window.peekFirst().at() != null
                    && java.time.Duration.between(window.peekFirst().at(), at).toMillis() > learnS * 1000)) {
                Sample old = window.removeFirst();
                count[old.bin()]--;
                satSum[old.bin()] -= old.saturation();
                n--;
            }
        }

        /** The brightness bin at quantile {@code q} of the {@code n} samples in bins {@code from..to}. */
        private int quantile(int from, int to, int n, double q) {
            int seen = 0;
            for (int b = from; b <= to; b++) {
                seen += count[b];
                if (seen > q * n) {
                    return b;
                }
            }
            return to;
        }

        /** Otsu's split of the brightness histogram into unlit and lit classes; null when not both are seen. */
        Levels levels() {
            if (n < 2 * MIN_SAMPLES) {
                return null;
            }
            double total = 0;
            for (int b = 0; b < 256; b++) {
                total += (double) b * count[b];
            }
            double bestVar = -1;
            int best = -1;
            int nLow = 0;
            double sumLow = 0;
            for (int t = 0; t < 255; t++) {
                nLow += count[t];
                sumLow += (double) t * count[t];
                int nHigh = n - nLow;
                if (nLow == 0 || nHigh == 0) {
                    continue;
                }
                double mLow = sumLow / nLow;
                double mHigh = (total - sumLow) / nHigh;
                double between = (double) nLow * nHigh * (mHigh - mLow) * (mHigh - mLow);
                if (between > bestVar) {
                    bestVar = between;
                    best = t;
                }
            }
            if (best < 0) {
                return null;
            }
            int cLow = 0;
            int cHigh = 0;
            double sLow = 0;
            double sHigh = 0;
            for (int b = 0; b < 256; b++) {
                if (b <= best) {
                    cLow += count[b];
                    sLow += satSum[b];
                } else {
                    cHigh += count[b];
                    sHigh += satSum[b];
                }
            }
            if (cLow < MIN_SAMPLES || cHigh < MIN_SAMPLES) {
                return null;
            }
            // Medians, not means: a lit lamp rendered dim for a while can fall into the unlit class, and must
            // neither raise the unlit level nor widen its spread.
            double unlit = quantile(0, best, cLow, 0.5);
            double litLevel = quantile(best + 1, 255, cHigh, 0.5);
            if (litLevel - unlit < MIN_CONTRAST || litLevel < MIN_RATIO * unlit) {
                return null;
            }
            // spread of the unlit level: the median absolute deviation, scaled to a standard deviation
            int[] dev = new int[256];
            for (int b = 0; b <= best; b++) {
                dev[(int) Math.min(255, Math.abs(b - unlit))] += count[b];
            }
            int seen = 0;
            int mad = 0;
            while (mad < 255 && (seen += dev[mad]) < (cLow + 1) / 2) {
                mad++;
            }
            double cut = unlit + Math.max(LIT_SHARE * (litLevel - unlit), 3 * 1.4826 * mad + 2);
            double unlitSat = sLow / cLow;
            double litSat = sHigh / cHigh;
            double satCut = litSat - unlitSat >= MIN_SATURATION_CONTRAST ? (unlitSat + litSat) / 2 : 0;
            return new Levels(unlit, litLevel, cut, unlitSat, litSat, satCut);
        }
    }
}
