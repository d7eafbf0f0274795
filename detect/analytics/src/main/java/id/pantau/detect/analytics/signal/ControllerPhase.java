package id.pantau.detect.analytics.signal;

import id.pantau.core.event.SignalState;

import java.time.Instant;
import java.util.Objects;

/**
 * A phase change reported by the signal controller (ATCS) for one signal group: the state and when the
 * controller switched it. Controllers report on change, so this is authoritative and needs no smoothing.
 */
public record ControllerPhase(String controllerGroup, SignalState state, Instant at) {
    public ControllerPhase {
        Objects.requireNonNull(controllerGroup, "controllerGroup");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
