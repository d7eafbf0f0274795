package id.pantau.detect.analytics.signal;

import id.pantau.core.event.SignalState;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.Optional;

/**
 * Smooths per-frame lamp readings over time. A lit state (red, amber, green) is adopted once the readings have
 * shown it for {@code signal_confirm_s}; DARK only after every lamp has read off for {@code dark_confirm_s}.
 * Dark readings in between do not break a lit candidate: LEDs driven by PWM read dark in single frames when
 * the exposure is short (flicker), and must neither change the state nor stop a real change from being
 * confirmed. The adopted change is dated at the first frame that showed it, so time into red is measured from
 * the real onset, not from the moment it was confirmed.
 */
public final class SignalDebouncer {
    private final double confirmS;
    private final double darkConfirmS;
    private SignalState adopted = SignalState.UNKNOWN;
    private SignalState candidate;
    private Instant candidateSince;
    private long candidateFrame;
    private Instant darkSince;
    private long darkFrame;

    public SignalDebouncer(double confirmS, double darkConfirmS) {
        this.confirmS = confirmS;
        this.darkConfirmS = darkConfirmS;
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
                if (adopted != SignalState.DARK && Seconds.between(darkSince, t) + 1e-9 >= darkConfirmS) {
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

    public SignalState adopted() {
        return adopted;
    }
}
