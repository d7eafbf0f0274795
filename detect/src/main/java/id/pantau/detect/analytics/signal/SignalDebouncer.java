package id.pantau.detect.analytics.signal;

import id.pantau.core.event.SignalState;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.Optional;

/**
 * Smooths per-frame lamp readings over time. A new reading is adopted only after it has held for
 * {@code signal_confirm_s} ({@code dark_confirm_s} for DARK: LEDs driven by PWM can read dark in single frames
 * when the exposure is short, so "all off" needs longer). The adopted change is dated at the first frame that
 * showed it, so time into red is measured from the real onset, not from the moment it was confirmed.
 */
public final class SignalDebouncer {
    private final double confirmS;
    private final double darkConfirmS;
    private SignalState adopted = SignalState.UNKNOWN;
    private SignalState candidate;
    private Instant candidateSince;
    private long candidateFrame;

    public SignalDebouncer(double confirmS, double darkConfirmS) {
        this.confirmS = confirmS;
        this.darkConfirmS = darkConfirmS;
    }

    /** A newly adopted state with the time and frame of its onset. */
    public record Change(SignalState state, Instant onset, long onsetFrame) {
    }

    public Optional<Change> offer(SignalState reading, Instant t, long frame) {
        if (reading == SignalState.UNKNOWN || reading == adopted) {
            // UNKNOWN (glare) neither confirms nor breaks a candidate; the adopted state simply holds.
            if (reading == adopted) {
                candidate = null;
            }
            return Optional.empty();
        }
        if (reading != candidate) {
            candidate = reading;
            candidateSince = t;
            candidateFrame = frame;
        }
        double need = reading == SignalState.DARK ? darkConfirmS : confirmS;
        if (Seconds.between(candidateSince, t) + 1e-9 >= need) {
            adopted = reading;
            candidate = null;
            return Optional.of(new Change(reading, candidateSince, candidateFrame));
        }
        return Optional.empty();
    }

    public SignalState adopted() {
        return adopted;
    }
}
