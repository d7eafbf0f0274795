package id.pantau.detect.stage;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The perception stage: per camera, motion gate -> detector -> tracker, turning each {@link VideoFrame} into a
 * {@link TrackedFrame}.
 *
 * <p>Concurrency and bounds: frames of one camera are processed one at a time in arrival order (the tracker and
 * background model are sequential); frames of different cameras run in parallel and share the one thread-safe
 * {@link Detector}, whose slot pool bounds how many inferences run at once. {@link #tryProcess} drops a frame
 * (counted) when its camera is still busy with the previous one, so a slow detector never builds a backlog of live
 * frames.
 *
 * <p>Failure isolation: if the detector fails on a frame, the frame is counted as failed, the tracker predicts
 * instead and the other cameras carry on.
 *
 * <p>The detector should report low-score boxes too ({@code DetectorSettings.forTracking}): the tracker applies
 * the per-class thresholds itself and uses the low-score boxes in its second association.
 */
public final class PerceptionStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PerceptionStage.class);

    private final Detector detector;
    private final MotionSettings defaultMotion;
    private final TrackerSettings tracking;
    private final MeterRegistry registry;
    private final Map<CameraId, MotionSettings> motionByCamera = new ConcurrentHashMap<>();
    private final Map<CameraId, CameraPerception> cameras = new ConcurrentHashMap<>();
    /** cameras whose configuration names a detector profile of their own (dense junctions: tiles, riders) */
    private final Map<CameraId, Detector> detectorByCamera = new ConcurrentHashMap<>();

    public PerceptionStage(Detector detector, MotionSettings defaultMotion, TrackerSettings tracking,
                           MeterRegistry registry) {
        this.detector = detector;
        this.defaultMotion = defaultMotion;
        this.tracking = tracking;
        this.registry = registry;
    }

    /** Sets a camera's motion settings (its regions of interest); takes effect for a camera not yet seen. */
    public void configureCamera(CameraId camera, MotionSettings motion) {
        motionByCamera.put(camera, motion);
    }

    /**
     * Gives a camera a detector of its own (its profile), or back the stage's ({@code null}); takes effect at its
     * next frame. The stage then owns it: the one it replaces is closed once no frame of the camera uses it.
     */
    public void useDetector(CameraId camera, Detector own) {
        CameraPerception cam = camera(camera);
        Detector old;
        cam.lock.lock();   // no frame of this camera is inside a detector while they are swapped
        try {
            old = own == null ? detectorByCamera.remove(camera) : detectorByCamera.put(camera, own);
        } finally {
            cam.lock.unlock();
        }
        closeQuietly(old);
    }

    private static void closeQuietly(Detector d) {
        if (d != null) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a camera's detector: {}", e.toString());
            }
        }
    }

    /** The detector a camera's frames go to now. */
    public Detector detectorOf(CameraId camera) {
        return detectorByCamera.getOrDefault(camera, detector);
    }

    /** Processes a frame, waiting if the camera is busy with its previous frame. Thread-safe. */
    public TrackedFrame process(VideoFrame frame) {
        CameraPerception cam = camera(frame.camera());
        cam.lock.lock();
        try {
            return processLocked(cam, frame);
        } finally {
            cam.lock.unlock();
        }
    }

    /** Processes a frame unless its camera is still busy, in which case the frame is dropped and counted. */
    public Optional<TrackedFrame> tryProcess(VideoFrame frame) {
        CameraPerception cam = camera(frame.camera());
        if (!cam.lock.tryLock()) {
            cam.busy.increment();
            return Optional.empty();
        }
        try {
            return Optional.of(processLocked(cam, frame));
        } finally {
            cam.lock.unlock();
        }
    }

    private TrackedFrame processLocked(CameraPerception cam, VideoFrame frame) {
        boolean detect = cam.gate.needsDetection(frame);
        List<TrackedObject> objects;
        boolean detected = false;
        if (detect) {
            List<Detection> detections = null;
            try {
                long t0 = System.nanoTime();
                detections = detectorOf(cam.camera).detect(frame);
                cam.detectTime.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                cam.failed.increment();
                LOG.warn("camera {} frame {}: detector failed ({}); tracks predicted instead", cam.camera,
                        frame.sequence(), e.toString());
            }
            if (detections != null) {
                cam.detected.increment();
                for (Detection d : detections) {
                    cam.perClass.get(d.roadUser()).increment();
                }
                objects = cam.tracker.update(detections);
                detected = true;
            } else {
                objects = cam.tracker.predict();
            }
        } else {
            cam.skipped.increment();
            objects = cam.tracker.predict();
        }
        cam.countFrame(!detect);
        cam.activeTracks(cam.tracker.activeCount());
        return new TrackedFrame(frame.camera(), frame.sequence(), frame.captureTime(), frame.width(),
                frame.height(), objects, detected);
    }

    private CameraPerception camera(CameraId id) {
        return cameras.computeIfAbsent(id, c -> new CameraPerception(c, detector.modelName(),
                motionByCamera.getOrDefault(c, defaultMotion), tracking, registry));
    }

    /** Forgets a camera's tracks and background model (e.g. the camera was removed or moved). */
    public void removeCamera(CameraId id) {
        CameraPerception cam = cameras.remove(id);
        if (cam != null) {
            cam.lock.lock();
            try {
                cam.close();
            } finally {
                cam.lock.unlock();
            }
        }
    }

    /** Closes the per-camera state and the cameras' own detectors; the stage's detector belongs to the caller. */
    @Override
    public void close() {
        cameras.keySet().forEach(this::removeCamera);
        detectorByCamera.values().forEach(PerceptionStage::closeQuietly);
        detectorByCamera.clear();
    }
}
