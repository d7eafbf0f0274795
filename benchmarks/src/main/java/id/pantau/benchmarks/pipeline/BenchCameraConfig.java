package id.pantau.benchmarks.pipeline;

import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.InvalidCameraConfigException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The analytics geometry the bench gives a simulated camera when no real configuration is passed: a counting line
 * across the picture at 60 % of its height, a congestion zone over the lower half, and a flat calibration of 20 px
 * per metre. It is not a survey of the scene; it exists so that every tracked frame goes through the same line,
 * zone and ground-motion work a configured camera does, which is what the bench measures.
 */
public final class BenchCameraConfig {
    private BenchCameraConfig() {
    }

    public static CameraConfig forFrame(String camera, int width, int height) {
        double gw = width / 20.0;
        double gh = height / 20.0;
        int lineY = (int) Math.round(height * 0.6);
        int zoneTop = height / 2;
        String json = String.format(Locale.ROOT, """
                {
                  "camera": "%s",
                  "version": 1,
                  "location": "pantau bench (simulated camera)",
                  "frame": {"width": %d, "height": %d},
                  "analysis": {"interval_s": 10},
                  "calibration": {"points": [
                    {"image": [0, %d], "ground_m": [0, 0]}, {"image": [%d, %d], "ground_m": [%s, 0]},
                    {"image": [%d, 0], "ground_m": [%s, %s]}, {"image": [0, 0], "ground_m": [0, %s]}
                  ]},
                  "zones": [{"id": "lower_half", "polygon": [[0, %d], [%d, %d], [%d, %d], [0, %d]]}],
                  "counting_lines": [{"id": "middle", "a": [0, %d], "b": [%d, %d], "in_direction": "up"}]
                }
                """, camera, width, height,
                height, width, height, gw,
                width, gw, gh, gh,
                zoneTop, width - 1, zoneTop, width - 1, height - 1, height - 1,
                lineY, width - 1, lineY);
        try {
            return new CameraConfigLoader().parse(json.getBytes(StandardCharsets.UTF_8), "bench camera " + camera);
        } catch (InvalidCameraConfigException e) {
            throw new IllegalStateException("the bench's generated camera configuration is invalid: " + e.getMessage(), e);
        }
    }
}
