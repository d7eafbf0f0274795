package id.pantau.detect;

import id.pantau.core.perception.Point;
import id.pantau.core.perception.TrackedObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately small line-crossing check used only to evaluate the tracker (analytics proper lives elsewhere):
 * a track crosses when two consecutive ground points of its history lie on opposite sides of the line segment.
 * Each track id counts at most once, so a track that is broken and restarted counts twice: exactly the double
 * count the tracker must avoid.
 */
public final class LineCrossings {
    /** One counted crossing. */
    public record Crossing(long trackId, long frame, String roadUser, boolean towards) {
    }

    private final Point a;
    private final Point b;
    private final Set<Long> counted = new HashSet<>();
    private final List<Crossing> crossings = new ArrayList<>();

    public LineCrossings(Point a, Point b) {
        this.a = a;
        this.b = b;
    }

    public void accept(long frame, List<TrackedObject> objects) {
        for (TrackedObject o : objects) {
            if (!o.roadUser().isVehicle() || counted.contains(o.trackId())) {
                continue;
            }
            List<Point> h = o.groundHistory();
            for (int i = 1; i < h.size(); i++) {
                Point p = h.get(i - 1);
                Point q = h.get(i);
                if (intersects(p, q)) {
                    counted.add(o.trackId());
                    // "towards" = down the image for the labelled clips (positive side)
                    crossings.add(new Crossing(o.trackId(), frame, o.roadUser().label(), q.y() > p.y()));
                    break;
                }
            }
        }
    }

    private boolean intersects(Point p, Point q) {
        double d1 = side(a, b, p);
        double d2 = side(a, b, q);
        double d3 = side(p, q, a);
        double d4 = side(p, q, b);
        return d1 * d2 < 0 && d3 * d4 <= 0;
    }

    private static double side(Point o, Point e, Point p) {
        return (e.x() - o.x()) * (p.y() - o.y()) - (e.y() - o.y()) * (p.x() - o.x());
    }

    public List<Crossing> crossings() {
        return List.copyOf(crossings);
    }

    /** How the counted crossings compare with labelled crossing frames. */
    public record Score(int labelled, int matched, List<Long> missed, List<Crossing> extra) {
        @Override
        public String toString() {
            return labelled + " labelled crossings, " + matched + " matched, " + missed.size() + " missed "
                    + missed + ", " + extra.size() + " extra (double counts or false) " + extra;
        }
    }

    /** Greedy match of each labelled frame to the first unused crossing within {@code window} frames. */
    public Score score(List<Long> labelledFrames, int window) {
        List<Crossing> left = new ArrayList<>(crossings);
        List<Long> missed = new ArrayList<>();
        int matched = 0;
        for (long frame : labelledFrames) {
            var hit = left.stream().filter(c -> Math.abs(c.frame() - frame) <= window).findFirst();
            if (hit.isPresent()) {
                matched++;
                left.remove(hit.get());
            } else {
                missed.add(frame);
            }
        }
        return new Score(labelledFrames.size(), matched, missed, left);
    }

    /** The frame column of a labels crossings.csv. */
    public static List<Long> labelledFrames(java.nio.file.Path csv) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.split(",")[0])).toList();
    }
}
