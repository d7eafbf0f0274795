package id.pantau.enforcement.evidence;

import id.pantau.core.event.RedLightViolation;
import id.pantau.detect.plate.PlateReader;
import id.pantau.detect.plate.PlateReading;
import id.pantau.detect.plate.PlateVoter;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.ingest.ring.RingFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Remembers where each track was in the last frames of each camera, so the evidence stage can crop the violating
 * vehicle in the crossing frame, and reads its plate on the frames around the crossing: several readings are voted
 * character by character, and a plate that stays unreadable is reported as none, never guessed. Bounded: a fixed
 * number of analysed frames per camera, whatever the traffic.
 */
public final class TrackSightings implements VehicleSightings, Consumer<TrackedFrame> {
    private record Seen(long sequence, Map<Long, BoundingBox> boxes) {
    }

    /** Finds a camera's ring frame with a given sequence number, if the ring still holds it. */
    @FunctionalInterface
    public interface RingLookup {
        Optional<RingFrame> frame(String camera, long sequence);
    }

    private static final Logger log = LoggerFactory.getLogger(TrackSightings.class);
    /** readings voted for one violating vehicle: the crossing frame and its neighbours */
    private static final int PLATE_FRAMES = 5;

    private final int framesKept;
    private final Optional<PlateReader> plates;
    private final RingLookup ring;
    private final double minPlateConfidence;
    private final Map<String, Deque<Seen>> byCamera = new ConcurrentHashMap<>();

    public TrackSightings(int framesKept) {
        this(framesKept, Optional.empty(), (c, s) -> Optional.empty(), 0.5);
    }

    public TrackSightings(int framesKept, Optional<PlateReader> plates, RingLookup ring, double minPlateConfidence) {
        this.framesKept = framesKept;
        this.plates = plates;
        this.ring = ring;
        this.minPlateConfidence = minPlateConfidence;
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
        List<Seen> withTrack = new ArrayList<>();
        synchronized (seen) {
            for (Seen s : seen) {
                if (s.boxes().containsKey(violation.trackId())) {
                    withTrack.add(s);
                }
            }
        }
        if (withTrack.isEmpty()) {
            return Optional.empty();
        }
        withTrack.sort(Comparator.comparingLong(s -> Math.abs(s.sequence() - at)));
        BoundingBox atCrossing = withTrack.getFirst().boxes().get(violation.trackId());
        Map<Long, BoundingBox> boxes = new java.util.HashMap<>();
        for (Seen s : withTrack) {
            boxes.put(s.sequence(), s.boxes().get(violation.trackId()));
        }
        return Optional.of(new Sighting(atCrossing, readPlate(violation, withTrack.subList(0, Math.min(PLATE_FRAMES,
                withTrack.size()))), boxes));
    }

    private Optional<PlateEvidence> readPlate(RedLightViolation violation, List<Seen> nearest) {
        if (plates.isEmpty()) {
            return Optional.empty();
        }
        PlateVoter voter = new PlateVoter(IndonesianPlateGrammar.standard(), minPlateConfidence);
        PlateReading best = null;
        long bestSequence = -1;
        for (Seen s : nearest) {
            Optional<RingFrame> frame = ring.frame(violation.camera(), s.sequence());
            if (frame.isEmpty()) {
                continue;
            }
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.get().jpeg()));
                Optional<PlateReading> reading = plates.get().read(image, s.boxes().get(violation.trackId()));
                if (reading.isPresent()) {
                    voter.add(reading.get());
                    if (reading.get().isRead() && (best == null || reading.get().confidence() > best.confidence())) {
                        best = reading.get();
                        bestSequence = s.sequence();
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("violation {}: plate not read on frame {}: {}", violation.eventId(), s.sequence(), e.toString());
            }
        }
        Optional<PlateReading> voted = voter.result().filter(PlateReading::isRead);
        if (voted.isEmpty() || best == null) {
            return Optional.empty();
        }
        PlateReading v = voted.get();
        return Optional.of(new PlateEvidence(v.text().orElseThrow(), v.region().name(), v.confidence(), best.box(),
                bestSequence));
    }
}
