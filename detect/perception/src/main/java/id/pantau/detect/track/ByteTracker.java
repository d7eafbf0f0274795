package id.pantau.detect.track;

import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ByteTrack (Zhang et al., 2022) for one camera: Kalman-predicted boxes are associated with detections in two
 * stages, first the high-score detections with the confirmed and lost tracks, then the low-score detections with
 * the tracks still unmatched (a partly occluded vehicle scores low but is still the same vehicle), then tentative
 * tracks with the remaining high-score detections. Association is class-agnostic (YOLOX flips a pickup between
 * car and truck; the class of a track is a score-weighted vote) and optimal on 1 - IoU (Hungarian).
 *
 * <p>Ids are per camera, increasing, never reused. Not thread-safe: one tracker per camera, fed in frame order.
 */
public final class ByteTracker {
    private final TrackerSettings settings;
    private final KalmanBoxFilter kalman = new KalmanBoxFilter();
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;
    private long updates;

    public ByteTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** A frame the detector ran on: predict, associate, update; returns the confirmed and lost tracks. */
    public List<TrackedObject> update(List<Detection> detections) {
        updates++;
        for (Track t : tracks) {
            kalman.predict(t.kalman);
        }
        List<Detection> high = new ArrayList<>();
        List<Detection> low = new ArrayList<>();
        for (Detection d : oneBoxPerObject(detections)) {
            if (d.score() >= settings.highThreshold(d.roadUser())) {
                high.add(d);
            } else if (d.score() >= settings.lowThreshold()) {
                low.add(d);
            }
        }
        List<Track> active = new ArrayList<>();
        List<Track> tentative = new ArrayList<>();
        for (Track t : tracks) {
            (t.state == TrackState.TENTATIVE ? tentative : active).add(t);
        }

        // 1. high-score detections vs confirmed + lost tracks
        LinearAssignment.Result first = associate(active, high, settings.firstMatchIou());
        applyMatches(first, active, high);
        List<Track> remaining = pick(active, first.unmatchedRows());
        List<Detection> highLeft = pick(high, first.unmatchedCols());

        // 2. low-score detections vs the confirmed tracks still unmatched (lost ones need a high-score match)
        List<Track> stillTracked = remaining.stream().filter(t -> t.state == TrackState.CONFIRMED).toList();
        LinearAssignment.Result second = associate(stillTracked, low, settings.secondMatchIou());
        applyMatches(second, stillTracked, low);
        for (int r : second.unmatchedRows()) {
            Track t = stillTracked.get(r);
            t.state = TrackState.LOST;
        }
        for (Track t : remaining) {
            if (t.state == TrackState.LOST && !stillTracked.contains(t)) {
                t.framesSinceUpdate++;
            }
        }
        for (int r : second.unmatchedRows()) {
            stillTracked.get(r).framesSinceUpdate++;
        }

        // 3. tentative tracks vs the high-score detections left; unmatched tentative tracks are dropped
        LinearAssignment.Result third = associate(tentative, highLeft, settings.tentativeMatchIou());
        applyMatches(third, tentative, highLeft);
        for (int r : third.unmatchedRows()) {
            tentative.get(r).state = TrackState.REMOVED;
        }

        // 4. new tentative tracks from confident detections nobody claimed
        for (Detection d : pick(highLeft, third.unmatchedCols())) {
            if (d.score() >= settings.highThreshold(d.roadUser()) + settings.newTrackMargin()) {
                double[] z = Track.measurement(d.box());
                Track t = new Track(nextId++, kalman.initiate(z[0], z[1], z[2], z[3]), d, settings.historyLength());
                // as in ByteTrack, tracks born on the very first frame are confirmed at once: there is no earlier
                // frame that could have confirmed them, and a camera's first output should not be empty
                if (settings.hitsToConfirm() <= 1 || updates == 1) {
                    t.state = TrackState.CONFIRMED;
                }
                tracks.add(t);
            }
        }
        for (Track t : tracks) {
            if (t.state == TrackState.LOST && t.framesSinceUpdate > settings.maxLostFrames()) {
                t.state = TrackState.REMOVED;
            }
        }
        return publish();
    }

    /**
     * A frame the motion gate let pass without detection: tracks move on their predicted velocity, nothing is
     * lost or removed (no evidence either way).
     */
    public List<TrackedObject> predict() {
        for (Track t : tracks) {
            kalman.predict(t.kalman);
        }
        return publish();
    }

    /** Tracks currently confirmed (not lost). */
    public int activeCount() {
        int n = 0;
        for (Track t : tracks) {
            if (t.state == TrackState.CONFIRMED) {
                n++;
            }
        }
        return n;
    }

    private List<TrackedObject> publish() {
        List<TrackedObject> out = new ArrayList<>();
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.state == TrackState.REMOVED) {
                it.remove();
                continue;
            }
            t.recordGroundPoint();
            if (t.state != TrackState.TENTATIVE) {
                out.add(t.snapshot());
            }
        }
        return out;
    }

    /**
     * Drops a detection that overlaps a better-scoring one of another class almost exactly (IoU above
     * {@code TrackerSettings.duplicateIou}): YOLOX reports one pickup as both car and truck, and the second box
     * would otherwise start a second track for the same vehicle (a double count downstream).
     */
    List<Detection> oneBoxPerObject(List<Detection> detections) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort((a, b) -> Float.compare(b.score(), a.score()));
        List<Detection> kept = new ArrayList<>(sorted.size());
        for (Detection d : sorted) {
            boolean duplicate = false;
            for (Detection k : kept) {
                if (k.roadUser() != d.roadUser() && k.box().iou(d.box()) > settings.duplicateIou()) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(d);
            }
        }
        return kept;
    }

    private void applyMatches(LinearAssignment.Result r, List<Track> ts, List<Detection> ds) {
        for (LinearAssignment.Match m : r.matches()) {
            Track t = ts.get(m.row());
            Detection d = ds.get(m.col());
            double[] z = Track.measurement(d.box());
            kalman.update(t.kalman, z[0], z[1], z[2], z[3]);
            t.vote(d);
            t.hits++;
            t.framesSinceUpdate = 0;
            if (t.state == TrackState.LOST || t.hits >= settings.hitsToConfirm()) {
                t.state = TrackState.CONFIRMED;
            }
        }
    }

    private static LinearAssignment.Result associate(List<Track> ts, List<Detection> ds, double minIou) {
        double[][] cost = new double[ts.size()][ds.size()];
        for (int i = 0; i < ts.size(); i++) {
            BoundingBox tb = ts.get(i).box();
            for (int j = 0; j < ds.size(); j++) {
                cost[i][j] = 1 - tb.iou(ds.get(j).box());
            }
        }
        return LinearAssignment.solve(cost, ds.size(), 1 - minIou);
    }

    private static <T> List<T> pick(List<T> all, List<Integer> indices) {
        List<T> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(all.get(i));
        }
        return out;
    }
}
