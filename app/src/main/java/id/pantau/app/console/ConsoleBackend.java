package id.pantau.app.console;

import id.pantau.core.bus.EventBus;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfigStore;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.ingest.live.LiveFeed;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the web console needs from the running pipeline. The app's composition root implements it over the
 * ingest workers (states, frame rings), the camera configuration store and the event bus; the console never
 * reaches into those modules itself, so it can be tested against any real set of parts.
 */
public interface ConsoleBackend {

    /** Every configured camera with its live state, in a stable order. */
    List<CameraStatus> cameras();

    /** The latest frame of a camera as a JPEG (the ingest ring already holds JPEGs); empty before the first frame. */
    Optional<byte[]> snapshotJpeg(CameraId camera);

    /** The versioned geometry store the editor reads and writes. */
    CameraConfigStore configs();

    /**
     * Delivers every pipeline event (counts, congestion, alerts, signal faults, violations) to the listener until
     * the returned subscription is closed. Called once per console; the console fans events out to browsers.
     * The listener is quick and never throws.
     */
    EventBus.Subscription subscribe(Consumer<PipelineEvent> listener);

    /** The camera's live video (remuxed from its reader's packets), if this node reads the camera. */
    default Optional<LiveFeed> liveFeed(CameraId camera) {
        return Optional.empty();
    }

    /**
     * Delivers every tracked frame of every camera (the live view draws the tracks) until closed; a node without
     * perception never calls the listener. The listener is quick and never throws.
     */
    default AutoCloseable onTracks(Consumer<TrackedFrame> listener) {
        return () -> { };
    }
}
