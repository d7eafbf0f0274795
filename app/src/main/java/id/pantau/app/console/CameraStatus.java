package id.pantau.app.console;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One camera as the console's grid shows it.
 *
 * @param id             camera id
 * @param state          the ingest state in operator words, e.g. "STREAMING 1280x720 @ 25.00 fps" or "DOWN: ..."
 * @param streaming      true while frames arrive (the grid colours the tile by it)
 * @param fps            measured frames per second (0 when not streaming)
 * @param width          frame width in pixels (0 when unknown)
 * @param height         frame height in pixels (0 when unknown)
 * @param lastFrameAgeMs milliseconds since the last frame; -1 before the first
 * @param framesDropped  frames dropped since start (queue full, decode errors)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CameraStatus(String id, String state, boolean streaming, double fps, int width, int height,
                           long lastFrameAgeMs, long framesDropped, String name) {
    /** A camera known only by its id. */
    public CameraStatus(String id, String state, boolean streaming, double fps, int width, int height,
                        long lastFrameAgeMs, long framesDropped) {
        this(id, state, streaming, fps, width, height, lastFrameAgeMs, framesDropped, id);
    }
}
