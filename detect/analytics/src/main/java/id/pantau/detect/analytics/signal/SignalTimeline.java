package id.pantau.detect.analytics.signal;

import id.pantau.core.event.AlertState;
import id.pantau.core.event.EventIds;
import id.pantau.core.event.SignalChange;
import id.pantau.core.event.SignalFault;
import id.pantau.core.event.SignalFaultKind;
import id.pantau.core.event.SignalState;
import id.pantau.detect.analytics.CameraGeometry;
import id.pantau.detect.analytics.Seconds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The signal history of one approach: the state in force since when, the red onset and the amber before it,
 * and the two faults that make the signal untrustworthy: dark (every lamp off for {@code dark_fault_s}) and
 * stuck (no change for longer than {@code max_cycle_s}). Enforcement asks {@link #enforceable()}.
 */
public final class SignalTimeline {
    private static final Logger log = LoggerFactory.getLogger(SignalTimeline.class);

    private final CameraGeometry geometry;
    private final String approach;
    private final String source;
    private final double darkFaultS;
    private final double maxCycleS;

    private SignalState state = SignalState.UNKNOWN;
    /** Start of the current state; null until a change has been seen (the first state's start is unknown). */
    private Instant since;
    private Instant firstObserved;
    private Instant redOnset;
    private Double amberBeforeRedS;
    private boolean darkFault;
    private boolean stuckFault;
    private boolean darkSpell;

    public SignalTimeline(CameraGeometry geometry, String approach, String source) {
        this.geometry = geometry;
        this.approach = approach;
        this.source = source;
        this.darkFaultS = geometry.config().thresholds().darkFaultS();
        this.maxCycleS = geometry.config().thresholds().maxCycleS();
    }

    /**
     * Carries on from the same approach's timeline under the previous configuration version: the state in force
     * and since when, the red onset and the amber before it, raised faults. No event is produced; the next change
     * or fault event carries the new version.
     */
    public void continueFrom(SignalTimeline previous) {
        state = previous.state;
        since = previous.since;
        firstObserved = previous.firstObserved;
        redOnset = previous.redOnset;
        amberBeforeRedS = previous.amberBeforeRedS;
        darkFault = previous.darkFault;
        stuckFault = previous.stuckFault;
        darkSpell = previous.darkSpell;
    }

    /** Records a state change that started at {@code onset}; empty when the state did not change. */
    public Optional<SignalChange> apply(SignalState next, Instant onset, long frame) {
        if (next == state) {
            return Optional.empty();
        }
        SignalState previous = state;
        Double previousDuration = since == null ? null : Seconds.round3(Seconds.between(since, onset));
        if (next == SignalState.RED) {
            redOnset = onset;
            amberBeforeRedS = previous == SignalState.AMBER ? previousDuration : null;
        } else {
            redOnset = null;
        }
        // The first reading only tells us the state, not when it began.
        since = previous == SignalState.UNKNOWN ? null : onset;
        if (firstObserved == null) {
            firstObserved = onset;
        }
        state = next;
        log.debug("camera {} approach {}: signal {} -> {} at {}", geometry.camera(), approach, previous, next, onset);
        return Optional.of(new SignalChange(EventIds.signalChange(geometry.camera(), approach, next, onset),
                geometry.camera(), geometry.version(), geometry.localTime(onset), approach, source, next, previous,
                previousDuration, frame));
    }

    /** Raises or clears faults as of {@code now}. */
    public List<SignalFault> checkFaults(Instant now, long frame) {
        List<SignalFault> out = new ArrayList<>();
        Instant stateStart = since != null ? since : firstObserved;
        boolean darkNow = state == SignalState.DARK && stateStart != null
                && Seconds.between(stateStart, now) >= darkFaultS;
        if (darkNow != darkFault && (darkNow || state != SignalState.DARK)) {
            darkFault = darkNow;
            out.add(fault(SignalFaultKind.DARK, darkNow, now, frame, darkNow
                    ? String.format(Locale.ROOT, "all lamps off for %.1f s", Seconds.between(stateStart, now))
                    : "lamps lit again (" + state.label() + ")"));
        }
        boolean stuckNow = state != SignalState.UNKNOWN && state != SignalState.DARK && stateStart != null
                && Seconds.between(stateStart, now) > maxCycleS;
        if (stuckNow != stuckFault) {
            stuckFault = stuckNow;
            out.add(fault(SignalFaultKind.STUCK, stuckNow, now, frame, stuckNow
                    ? String.format(Locale.ROOT, "%s for %.0f s, longer than the longest cycle (%.0f s)",
                    state.label(), Seconds.between(stateStart, now), maxCycleS)
                    : "changed to " + state.label()));
        }
        return out;
    }

    private SignalFault fault(SignalFaultKind kind, boolean raised, Instant now, long frame, String detail) {
        AlertState s = raised ? AlertState.RAISED : AlertState.CLEARED;
        if (raised) {
            log.warn("camera {} approach {}: signal_fault {} raised ({}); red-light enforcement paused",
                    geometry.camera(), approach, kind.label(), detail);
        } else {
            log.info("camera {} approach {}: signal_fault {} cleared ({})", geometry.camera(), approach,
                    kind.label(), detail);
        }
        return new SignalFault(EventIds.signalFault(geometry.camera(), approach, kind, s, now),
                geometry.camera(), geometry.version(), geometry.localTime(now), approach, kind, s, detail, frame);
    }

    public SignalState state() {
        return state;
    }

    /** Seconds since red onset, empty unless red with an observed onset. */
    public OptionalDouble timeIntoRed(Instant t) {
        return state == SignalState.RED && redOnset != null
                ? OptionalDouble.of(Seconds.between(redOnset, t)) : OptionalDouble.empty();
    }

    /** Duration of the amber that preceded the current red, null when not observed. */
    public Double amberBeforeRedS() {
        return amberBeforeRedS;
    }

    /**
     * Vision: every lamp is reading off inside the phase in force, not (yet) for {@code signal_gap_s}. The phase is
     * kept, but whether the head is still lit is not known until the spell ends or outlasts the gap.
     */
    public void darkSpell(boolean inSpell) {
        this.darkSpell = inSpell;
    }

    /** See {@link #darkSpell(boolean)}. */
    public boolean inDarkSpell() {
        return darkSpell;
    }

    /** False while a fault is raised or the state is dark/unknown: red-light enforcement pauses. */
    public boolean enforceable() {
        return !darkFault && !stuckFault && state != SignalState.DARK && state != SignalState.UNKNOWN;
    }

    public String approach() {
        return approach;
    }
}
