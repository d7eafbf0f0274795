package id.pantau.core.event;

import java.time.Instant;

/**
 * Event ids. The bus is at-least-once, so consumers drop a redelivered event by its id: an id must be the same
 * for the same event however often it is encoded and delivered, and different for different events, also
 * across restarts of a node and across nodes. Ids are therefore built only from the event's own content: the
 * camera, what it is about (approach, line, zone, track, state) and the <b>capture time</b> (epoch milliseconds)
 * of the frame that dated it. Frame numbers and track ids start again at 0 when a node restarts or a camera moves
 * to another node, so neither alone may make an id unique; the capture time does, because a camera captures a
 * given instant once. (Two frames of one camera are at least one frame period apart, far more than 1 ms.)
 */
public final class EventIds {
    private EventIds() {
    }

    /** {@code <camera>:<approach>:<track_id>:<capture ms of the crossing frame>}. */
    public static String redLightViolation(String camera, String approach, long trackId, Instant crossing) {
        return camera + ":" + approach + ":" + trackId + ":" + crossing.toEpochMilli();
    }

    /** {@code <camera>:<line>:<track_id>:<direction>:<capture ms of the crossing frame>}. */
    public static String lineCrossing(String camera, String line, long trackId, CrossingDirection direction,
                                      Instant crossing) {
        return camera + ":" + line + ":" + trackId + ":" + direction.label() + ":" + crossing.toEpochMilli();
    }

    /** {@code <camera>:<approach>:<state>:<onset ms>}. */
    public static String signalChange(String camera, String approach, SignalState state, Instant onset) {
        return camera + ":" + approach + ":" + state.label() + ":" + onset.toEpochMilli();
    }

    /** {@code <camera>:<approach>:<fault>:<raised|cleared>:<capture ms>}. */
    public static String signalFault(String camera, String approach, SignalFaultKind fault, AlertState state,
                                     Instant at) {
        return camera + ":" + approach + ":" + fault.label() + ":" + state.label() + ":" + at.toEpochMilli();
    }

    /** {@code <camera>:<zone>:<interval start ms>}. */
    public static String congestion(String camera, String zone, Instant intervalStart) {
        return camera + ":" + zone + ":" + intervalStart.toEpochMilli();
    }

    /** {@code <camera>:<zone>:<raised|cleared>:<capture ms>}. */
    public static String congestionAlert(String camera, String zone, AlertState state, Instant at) {
        return camera + ":" + zone + ":" + state.label() + ":" + at.toEpochMilli();
    }
}
