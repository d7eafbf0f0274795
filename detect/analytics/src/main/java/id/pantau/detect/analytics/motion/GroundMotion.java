package id.pantau.detect.analytics.motion;

import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.CameraGeometry;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Ground-plane positions and speeds of the tracks of one camera. Speed is measured over about one second of
 * track history rather than frame to frame, which would turn a pixel of box jitter into km/h of noise.
 */
public final class GroundMotion {
    private static final double WINDOW_S = 1.0;
    private static final double MIN_SPAN_S = 0.3;
    private static final double FORGET_AFTER_S = 5.0;

    private record Sample(Instant time, Point ground) {
    }

    private final CameraGeometry geometry;
    private final Map<Long, Deque<Sample>> samples = new HashMap<>();
    private final Map<Long, Instant> lastSeen = new HashMap<>();

    public GroundMotion(CameraGeometry geometry) {
        this.geometry = geometry;
    }

    public void update(TrackedFrame frame) {
        Instant now = frame.captureTime();
        for (TrackedObject o : frame.objects()) {
            lastSeen.put(o.trackId(), now);
            Optional<Point> g = geometry.toGround(o.groundPoint());
            if (g.isEmpty()) {
                continue;
            }
            Deque<Sample> d = samples.computeIfAbsent(o.trackId(), id -> new ArrayDeque<>());
            d.addLast(new Sample(now, g.get()));
            while (d.size() > 2 && Seconds.between(d.peekFirst().time(), now) > WINDOW_S * 2) {
                d.removeFirst();
            }
        }
        lastSeen.entrySet().removeIf(e -> {
            boolean gone = Seconds.between(e.getValue(), now) > FORGET_AFTER_S;
            if (gone) {
                samples.remove(e.getKey());
            }
            return gone;
        });
    }

    /** Ground position in metres of the track's latest sample. */
    public Optional<Point> position(long trackId) {
        Deque<Sample> d = samples.get(trackId);
        return d == null || d.isEmpty() ? Optional.empty() : Optional.of(d.peekLast().ground());
    }

    /** Speed in km/h over the last second, empty while the track is too young to tell. */
    public OptionalDouble speedKmh(long trackId) {
        Deque<Sample> d = samples.get(trackId);
        if (d == null || d.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample last = d.peekLast();
        Sample from = null;
        for (Sample s : d) {
            if (Seconds.between(s.time(), last.time()) <= WINDOW_S) {
                from = s;
                break;
            }
        }
        if (from == null || from == last) {
            from = d.peekFirst();
        }
        double span = Seconds.between(from.time(), last.time());
        if (span < MIN_SPAN_S) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(from.ground().distanceTo(last.ground()) / span * 3.6);
    }
}
