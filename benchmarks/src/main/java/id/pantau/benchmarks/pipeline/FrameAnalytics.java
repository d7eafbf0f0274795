package id.pantau.benchmarks.pipeline;

import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.analytics.AnalyticsEngine;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * The analytics step after tracking, per camera. Pluggable so the bench can measure perception alone
 * ({@link #none()}) or with the analytics the pipeline really runs ({@link #engine}).
 */
public interface FrameAnalytics {

    /** The events this frame produced (most frames produce none). Called from the camera's one thread. */
    List<PipelineEvent> analyse(TrackedFrame frame, VideoFrame video);

    /** Makes a fresh analytics instance for a camera. */
    interface Factory {
        FrameAnalytics forCamera(String camera, int width, int height, double analysisFps);

        String name();
    }

    /** No analytics: the frame-to-event latency then ends at the tracked frame. */
    static Factory none() {
        return new Factory() {
            @Override
            public FrameAnalytics forCamera(String camera, int width, int height, double analysisFps) {
                return (frame, video) -> List.of();
            }

            @Override
            public String name() {
                return "none";
            }
        };
    }

    /** The pipeline's {@link AnalyticsEngine} (lines, zones, signals, violations) on the bench's generated geometry. */
    static Factory engine(MeterRegistry registry) {
        return new Factory() {
            @Override
            public FrameAnalytics forCamera(String camera, int width, int height, double analysisFps) {
                CameraConfig cfg = BenchCameraConfig.forFrame(camera, width, height);
                AnalyticsEngine engine = new AnalyticsEngine(cfg, registry);
                return (frame, video) -> engine.analyse(frame, video).events();
            }

            @Override
            public String name() {
                return "analytics-engine";
            }
        };
    }
}
