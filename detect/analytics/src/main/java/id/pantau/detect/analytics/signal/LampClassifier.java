package id.pantau.detect.analytics.signal;

import id.pantau.core.camera.config.CameraConfig.Lamps;
import id.pantau.core.camera.config.PixelBox;
import id.pantau.core.event.SignalState;

import java.nio.ByteBuffer;

/**
 * Reads which lamp of a signal head is lit in one BGR frame. A lit LED lamp saturates the sensor, so a lamp
 * is lit when a good share of its region is bright (max channel above {@code lamp_min_brightness}); the state
 * is the lamp position that is lit, which holds even where the camera renders colours poorly. Colour is used
 * as a check: a lit region that is grey-white (sun glare on the housing) does not count, and three lamps lit
 * at once reads as UNKNOWN rather than a guess.
 */
public final class LampClassifier {
    /** Share of a lamp region's pixels that must be bright for the lamp to be lit. */
    static final double LIT_FRACTION = 0.2;
    /** Bright pixels this grey (HSV saturation) are glare, not a lamp, unless clipped white at the LED core. */
    static final double MIN_SATURATION = 0.25;

    private final Lamps lamps;
    private final double minBrightness;

    public LampClassifier(Lamps lamps, double minBrightness) {
        this.lamps = lamps;
        this.minBrightness = minBrightness;
    }

    /** One reading per lamp, for diagnostics: the share of lit pixels in the region. */
    public record Reading(SignalState state, double red, double amber, double green) {
    }

    public Reading classify(ByteBuffer bgr, int width, int height) {
        double r = litFraction(bgr, width, height, lamps.red());
        double a = litFraction(bgr, width, height, lamps.amber());
        double g = litFraction(bgr, width, height, lamps.green());
        int lit = (r >= LIT_FRACTION ? 1 : 0) + (a >= LIT_FRACTION ? 1 : 0) + (g >= LIT_FRACTION ? 1 : 0);
        SignalState s;
        if (lit == 0) {
            s = SignalState.DARK;
        } else if (lit == 3) {
            s = SignalState.UNKNOWN;
        } else if (r >= a && r >= g) {
            s = SignalState.RED;
        } else if (a >= g) {
            s = SignalState.AMBER;
        } else {
            s = SignalState.GREEN;
        }
        return new Reading(s, r, a, g);
    }

    private double litFraction(ByteBuffer bgr, int width, int height, PixelBox box) {
        int x1 = Math.clamp(box.x1(), 0, width);
        int x2 = Math.clamp(box.x2(), 0, width);
        int y1 = Math.clamp(box.y1(), 0, height);
        int y2 = Math.clamp(box.y2(), 0, height);
        int total = 0;
        int lit = 0;
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
                if (max >= minBrightness && (max >= 250 || (max - min) >= MIN_SATURATION * max)) {
                    lit++;
                }
            }
        }
        return total == 0 ? 0 : (double) lit / total;
    }
}
