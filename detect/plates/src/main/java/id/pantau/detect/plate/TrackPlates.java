package id.pantau.detect.plate;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the plates of one camera's tracked vehicles over their lifetime: a few frames per confirmed track (only
 * while the vehicle is big enough for its plate to be legible), voted with a {@link PlateVoter}, and one final
 * answer when the track ends. Reading stops early once the vote is settled, to spare the CPU.
 * Not thread-safe: one instance per camera, fed in frame order.
 */
public final class TrackPlates {
    /**
     * @param maxReadsPerTrack  at most this many frames are read per track
     * @param settledAfter      stop reading once this many frames agree at {@code settledConfidence} or more
     * @param settledConfidence see above
     * @param minVehicleHeight  vehicles smaller than this (pixels) are not read: their plates are not legible
     * @param minConfidence     the voted result below this is UNREADABLE
     */
    public record Settings(int maxReadsPerTrack, int settledAfter, double settledConfidence, double minVehicleHeight,
                           double minConfidence) {
        public static Settings defaults() {
            return new Settings(6, 3, 0.9, 60, 0.5);
        }
    }

    /** The final plate of a track that ended. */
    public record TrackPlate(long trackId, PlateReading plate, int framesRead) {
    }

    private final PlateReader reader;
    private final IndonesianPlateGrammar grammar;
    private final Settings settings;
    private final Map<Long, PlateVoter> voters = new LinkedHashMap<>();

    public TrackPlates(PlateReader reader, IndonesianPlateGrammar grammar, Settings settings) {
        this.reader = reader;
        this.grammar = grammar;
        this.settings = settings;
    }

    /**
     * Reads plates for the vehicles of this frame and returns the final plates of the tracks that ended here
     * (removed, or no longer listed). A track that never showed a plate ends without an entry.
     */
    public List<TrackPlate> update(VideoFrame frame, TrackedFrame tracks) {
        Set<Long> present = new HashSet<>();
        List<TrackPlate> ended = new ArrayList<>();
        for (TrackedObject o : tracks.objects()) {
            if (o.state() == TrackState.REMOVED) {
                finish(o.trackId()).ifPresent(ended::add);
                continue;
            }
            present.add(o.trackId());
            if (wantsReading(o)) {
                PlateVoter voter = voters.computeIfAbsent(o.trackId(),
                        id -> new PlateVoter(grammar, settings.minConfidence()));
                reader.read(frame, o.box()).ifPresent(voter::add);
            }
        }
        for (Long id : List.copyOf(voters.keySet())) {
            if (!present.contains(id)) {
                finish(id).ifPresent(ended::add);
            }
        }
        return ended;
    }

    /** The plate voted so far for a live track. */
    public Optional<PlateReading> current(long trackId) {
        PlateVoter v = voters.get(trackId);
        return v == null ? Optional.empty() : v.result();
    }

    private boolean wantsReading(TrackedObject o) {
        if (o.state() != TrackState.CONFIRMED || !o.roadUser().isVehicle() || o.roadUser() == RoadUserClass.BICYCLE
                || o.box().height() < settings.minVehicleHeight()) {
            return false;
        }
        PlateVoter v = voters.get(o.trackId());
        if (v == null) {
            return true;
        }
        if (v.size() >= settings.maxReadsPerTrack()) {
            return false;
        }
        return !(v.size() >= settings.settledAfter() && v.result().filter(PlateReading::isRead)
                .filter(r -> r.confidence() >= settings.settledConfidence()).isPresent());
    }

    private Optional<TrackPlate> finish(long trackId) {
        PlateVoter v = voters.remove(trackId);
        if (v == null || v.size() == 0) {
            return Optional.empty();
        }
        return v.result().map(r -> new TrackPlate(trackId, r, v.size()));
    }
}
