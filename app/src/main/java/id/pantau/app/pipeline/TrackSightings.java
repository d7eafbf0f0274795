package id.pantau.app.pipeline;

import id.pantau.core.event.RedLightViolation;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.enforcement.evidence.VehicleSightings;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Remembers where each track was in the last frames of each camera, so the evidence stage can crop the violating
 * vehicle in the crossing frame. Bounded: a fixed number of analysed frames per camera, whatever the traffic.
 */
public final class TrackSightings implements VehicleSightings, Consumer<TrackedFrame> {
    private record Seen(long sequence, Map<Long, BoundingBox> boxes) {
    }

    private final int framesKept;
    private final Map<String, Deque<Seen>> byCamera = new ConcurrentHashMap<>();

    public TrackSightings(int framesKept) {
        this.framesKept = framesKept;
    }

    @Override
    public void accept(TrackedFrame frame) {
        Map<Long, BoundingBox> boxes = new java.util.HashMap<>();
        for (TrackedObject o : frame.objects()) {
            boxes.put(o.trackId(), o.box());
        }
        Deque<Seen> seen = byCamera.computeIfAbsent(frame.camera().value(), c -> new ArrayDeque<>());
        synchronized (seen) {
            seen.addLast(new Seen(frame.sequence(), boxes));
            while (seen.size() > framesKept) {
                seen.removeFirst();
            }
        }
    }

    /** The track's box in the analysed frame closest to the crossing frame. */
    @Override
    public Optional<Sighting> find(RedLightViolation violation) {
        Deque<Seen> seen = byCamera.get(violation.camera());
        if (seen == null) {
            return Optional.empty();
        }
        long at = violation.frames().at();
        BoundingBox best = null;
        long bestDistance = Long.MAX_VALUE;
        synchronized (seen) {
            for (Seen s : seen) {
                BoundingBox box = s.boxes().get(violation.trackId());
                long d = Math.abs(s.sequence() - at);
                if (box != null && d < bestDistance) {
                    best = box;
                    bestDistance = d;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Sighting(best, Optional.empty()));
    }
}
