package id.pantau.enforcement.evidence;

import id.pantau.core.asset.Assets;
import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.plate.PlateReader;
import id.pantau.detect.plate.PlateReaderSettings;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.ring.RingFrame;
import id.pantau.storage.EvidenceStorage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The evidence stage as a camera node runs it: violations from {@code pantau.events} are packaged from this node's
 * ingest rings (photos, clip, plate votes) and published to {@code pantau.violations}. It owns the plate reader and
 * the track memory; the node feeds it every analysed frame through {@link #frames()}.
 *
 * <p>Each node reads the events in a consumer group of its own ({@code evidence-<node>}): every node sees every
 * violation and packages only those of the cameras it captures, since the frames exist only in that node's memory.
 */
public final class EdgeEvidence implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EdgeEvidence.class);

    /** How the edge stage remembers tracks and reads plates. */
    public record Settings(int trackFramesKept, int ringSequenceTolerance, double minPlateConfidence) {
        public Settings {
            if (trackFramesKept < 1 || ringSequenceTolerance < 0 || minPlateConfidence < 0 || minPlateConfidence > 1) {
                throw new IllegalArgumentException("bad edge evidence settings: " + trackFramesKept + ", "
                        + ringSequenceTolerance + ", " + minPlateConfidence);
            }
        }

        /**
         * 600 analysed frames per camera is two minutes at the default 5 fps: longer than the analytics' lag and the
         * evidence window (clip before + after), so the crossing frame's boxes are still there when the event comes.
         * Ring JPEGs are taken at the ring's own rate, so the analysed frame's twin may sit one decoded frame away.
         * A plate read below 0.5 is noise for the vote.
         */
        public static Settings defaults() {
            return new Settings(600, 1, 0.5);
        }
    }

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final TrackSightings sightings;

    private EdgeEvidence(TrackSightings sightings) {
        this.sightings = sightings;
    }

    /**
     * Starts the stage on the node's cameras.
     *
     * @param node the node's bus client id: it names the node's own consumer group
     */
    public static EdgeEvidence start(IngestManager ingest, EvidenceStorage storage, EventBus bus, String inputTopic,
                                     String node, Settings settings, MeterRegistry registry) {
        PlateReader plates = PlateReader.open(Assets.defaults(), PlateReaderSettings.defaults(), registry);
        TrackSightings sightings = new TrackSightings(settings.trackFramesKept(), Optional.of(plates),
                (camera, sequence) -> nearestRingFrame(ingest, camera, sequence, settings.ringSequenceTolerance()),
                settings.minPlateConfidence());
        EdgeEvidence edge = new EdgeEvidence(sightings);
        edge.closeables.push(plates);
        try {
            EvidenceSettings evidenceSettings = EvidenceSettings.defaults();
            sizeRings(ingest, evidenceSettings);
            EvidenceAssembler assembler = new EvidenceAssembler(storage, Assets.defaults(), evidenceSettings,
                    registry);
            FrameSource ring = (camera, from, to) -> ingest.camera(camera).ring().window(from, to).stream()
                    .map(f -> new ClipFrame(f.sequence(), f.captureTime(), f.jpeg())).toList();
            EvidenceStage stage = new EvidenceStage(ring, sightings, assembler, bus, registry, Clock.systemUTC(),
                    camera -> ingest.cameras().stream().anyMatch(w -> w.id().value().equals(camera)));
            edge.closeables.push(stage.subscribe(inputTopic, "evidence-" + node));
            return edge;
        } catch (RuntimeException e) {
            edge.close();
            throw e;
        }
    }

    /**
     * Widens every camera's ring to the evidence window plus the analytics' lag, so a violation that arrives late
     * still finds its crossing frame. A ring too small in bytes for that window is named: its packages come out
     * marked incomplete when the frames were evicted.
     */
    static void sizeRings(IngestManager ingest, EvidenceSettings settings) {
        java.time.Duration required = settings.requiredRingWindow();
        for (var worker : ingest.cameras()) {
            var ring = worker.ring();
            java.time.Duration before = ring.window();
            java.time.Duration now = ring.ensureWindow(required);
            if (!now.equals(before)) {
                org.slf4j.LoggerFactory.getLogger(EdgeEvidence.class).info("camera {}: evidence ring widened from {} s"
                        + " to {} s (clip {} s + {} s, analytics lag up to {} s)", worker.id(), before.toSeconds(),
                        now.toSeconds(), settings.clipBefore().toSeconds(), settings.clipAfter().toSeconds(),
                        settings.analyticsLag().toSeconds());
            }
        }
    }

    private static Optional<RingFrame> nearestRingFrame(IngestManager ingest, String camera, long sequence, int tolerance) {
        return ingest.camera(CameraId.of(camera)).ring().snapshot().stream()
                .filter(f -> Math.abs(f.sequence() - sequence) <= tolerance).findFirst();
    }

    /** Where the node sends every analysed frame, so the stage knows each track's box around a crossing. */
    public Consumer<TrackedFrame> frames() {
        return sightings;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                // closing the rest matters more than one failure while stopping
                log.warn("while stopping: {}", e.toString());
            }
        }
    }
}
