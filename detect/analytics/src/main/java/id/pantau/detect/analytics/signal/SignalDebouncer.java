package id.pantau.detect.analytics.signal;

import id.pantau.core.event.SignalState;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.Optional;

/**
 * Smooths per-frame lamp readings over time. A lit state (red, amber, green) is adopted once the readings have
 * shown it for {@code signal_confirm_s}; DARK only after every lamp has read off for {@code dark_confirm_s}, or,
 * inside a lit phase, for {@code signal_gap_s}. Dark readings in between do not break a lit candidate nor the phase
 * in force: LEDs driven by PWM read dark in single frames when the exposure is short (flicker), and a lit lamp can
 * read dark for a second or two when the camera's exposure changes. Such a dark spell inside a phase keeps the
 * phase and its onset, so time into red and the amber before it stay measured from the real onsets. The adopted
 * change is dated at the first frame that showed it (a dark head from its first dark frame).
 */
public final class SignalDebouncer {
    private final double confirmS;
    private final double darkConfirmS;
    private final double gapS;
    private SignalState adopted = SignalState.UNKNOWN;
    private SignalState candidate;
    private Instant candidateSince;
    private long candidateFrame;
    private Instant darkSince;
    private long darkFrame;

    /** A debouncer without a phase gap: dark after {@code darkConfirmS} whatever state is in force. */
    public SignalDebouncer(double confirmS, double darkConfirmS) {
        this(confirmS, darkConfirmS, 0);
    }

    /**
     * @param gapS a dark spell inside a lit phase shorter than this keeps the phase (the head is called dark after
     *             the longer of {@code darkConfirmS} and {@code gapS})
     */
    public SignalDebouncer(double confirmS, double darkConfirmS, double gapS) {
        this.confirmS = confirmS;
        this.darkConfirmS = darkConfirmS;
        this.gapS = gapS;
    }

    /** A newly adopted state with the time and frame of its onset. */
    public record Change(SignalState state, Instant onset, long onsetFrame) {
    }

    public Optional<Change> offer(SignalState reading, Instant t, long frame) {
        switch (reading) {
            case UNKNOWN -> {
                // glare or three lamps lit: no information, the adopted state holds
                return Optional.empty();
            }
            case DARK -> {
                if (darkSince == null) {
                    darkSince = t;
                    darkFrame = frame;
                }
                double need = lit(adopted) ? Math.max(darkConfirmS, gapS) : darkConfirmS;
                if (adopted != SignalState.DARK && Seconds.between(darkSince, t) + 1e-9 >= need) {
                    adopted = SignalState.DARK;
                    candidate = null;
                    return Optional.of(new Change(SignalState.DARK, darkSince, darkFrame));
                }
                return Optional.empty();
            }
            default -> {
                darkSince = null;
                if (reading == adopted) {
                    candidate = null;
                    return Optional.empty();
                }
                if (reading != candidate) {
                    candidate = reading;
                    candidateSince = t;
                    candidateFrame = frame;
                }
                if (Seconds.between(candidateSince, t) + 1e-9 >= confirmS) {
                    adopted = reading;
                    candidate = null;
                    return Optional.of(new Change(reading, candidateSince, candidateFrame));
                }
                return Optional.empty();
            }
        }
    }

    private static boolean lit(SignalState s) {
        return s == SignalState.RED || s == SignalState.AMBER || s == SignalState.GREEN;
    }

    public SignalState adopted() {
        return adopted;
    }

    /**
     * Whether every lamp has been reading off inside a lit phase, not yet long enough to call the head dark: the
     * phase is kept, but it is not yet known whether the head is still lit. Decisions that cannot be taken back
     * (reporting a violation) wait until it is.
     */
    public boolean inDarkSpell() {
        return darkSince != null && lit(adopted);
    }
}
