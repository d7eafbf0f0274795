package id.pantau.ingest.worker;

import java.time.Duration;
import java.time.Instant;

/**
 * What a camera is doing now, as shown to operators. {@link #code()} is the value of the {@code pantau.ingest.state}
 * gauge.
 */
public sealed interface CameraState {

    /** The gauge value: 0 stopped, 1 connecting, 2 streaming, 3 stalled, 4 down, 5 finished. */
    int code();

    /** Short upper-case name: CONNECTING, STREAMING, ... */
    String name();

    /** Opening the source; {@code attempt} counts from 1 since the last time it streamed. */
    record Connecting(int attempt, Instant since) implements CameraState {
        public int code() { return 1; }
        public String name() { return "CONNECTING"; }
        @Override public String toString() { return "CONNECTING (attempt " + attempt + ")"; }
    }

    /** Frames are arriving. */
    record Streaming(int width, int height, double sourceFps, Instant since) implements CameraState {
        public int code() { return 2; }
        public String name() { return "STREAMING"; }
        @Override public String toString() {
            return "STREAMING " + width + "x" + height + String.format(" @ %.2f fps", sourceFps);
        }
    }

    /** Connected, but no frame for longer than the stall timeout; a reconnect follows. */
    record Stalled(Duration sinceLastFrame) implements CameraState {
        public int code() { return 3; }
        public String name() { return "STALLED"; }
        @Override public String toString() {
            return "STALLED (no frame for " + sinceLastFrame.toMillis() / 1000.0 + " s)";
        }
    }

    /** Not delivering frames; {@code reason} says why in operator terms; retried after {@code retryIn}. */
    record Down(String reason, Duration retryIn, Instant since) implements CameraState {
        public int code() { return 4; }
        public String name() { return "DOWN"; }
        @Override public String toString() {
            return "DOWN: " + reason + " (retry in " + retryIn.toMillis() / 1000.0 + " s)";
        }
    }

    /** A non-looping file was read to its end; nothing more will come. */
    record Finished(long frames) implements CameraState {
        public int code() { return 5; }
        public String name() { return "FINISHED"; }
        @Override public String toString() { return "FINISHED (" + frames + " frames decoded)"; }
    }

    /** Not started yet, or stopped by the manager. */
    record Stopped() implements CameraState {
        public int code() { return 0; }
        public String name() { return "STOPPED"; }
        @Override public String toString() { return "STOPPED"; }
    }
}
