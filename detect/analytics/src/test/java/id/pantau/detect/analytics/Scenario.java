package id.pantau.detect.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalState;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.analytics.signal.ControllerPhase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A constructed camera for the analytics tests: 1280x720, a flat calibration of 20 px per metre (ground y grows
 * up the picture), one approach "north" whose traffic drives up the picture over the stop line y = 400
 * (x 200-1100), with a left-turn-only lane (x 200-500, exempt on red) and a main lane; a counting line at
 * y = 600 whose "in" direction is up; a queue zone behind the stop line. The signal comes from the controller
 * (group "g1") unless a test switches it. Time runs at 10 frames per second from {@link #T0}.
 */
final class Scenario {
    static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    static final double FPS = 10;
    static final String CONFIG = """
            {
              "camera": "test-cam",
              "version": 1,
              "location": "Simpang Kawat, Kota Jambi",
              "frame": {"width": 1280, "height": 720},
              "analysis": {"interval_s": 10},
              "calibration": {"points": [
                {"image": [0, 720], "ground_m": [0, 0]}, {"image": [1280, 720], "ground_m": [64, 0]},
                {"image": [1280, 0], "ground_m": [64, 36]}, {"image": [0, 0], "ground_m": [0, 36]}
              ]},
              "zones": [{"id": "north_queue", "polygon": [[200, 400], [1100, 400], [1100, 720], [200, 720]],
                         "approach": "north"}],
              "counting_lines": [{"id": "main", "a": [100, 600], "b": [1180, 600], "in_direction": "up"}],
              "lanes": [
                {"id": "n_left", "polygon": [[200, 400], [500, 400], [500, 720], [200, 720]], "movements": ["left"]},
                {"id": "n_main", "polygon": [[500, 400], [1100, 400], [1100, 720], [500, 720]],
                 "movements": ["straight", "left", "right"]}
              ],
              "approaches": [{"id": "north", "stop_line": {"a": [200, 400], "b": [1100, 400]},
                              "entry_direction": "up", "lanes": ["n_left", "n_main"], "exempt_movements": ["left"],
                              "signal": {"source": "controller", "controller_group": "g1"}}],
              "thresholds": {"min_dwell_s": 20, "max_cycle_s": 120}
            }
            """;

    final AnalyticsEngine engine;
    final List<AnalysisResult> results = new ArrayList<>();
    /** Capture time of frame 0 (a restarted node starts again at frame 0, later on the clock). */
    private final Instant start;
    private long sequence;

    Scenario() {
        this(n -> {
        });
    }

    /** @param edit changes to the configuration JSON before it is loaded */
    Scenario(Consumer<ObjectNode> edit) {
        this(T0, edit);
    }

    /** @param start capture time of frame 0 */
    Scenario(Instant start, Consumer<ObjectNode> edit) {
        this.start = start;
        this.engine = new AnalyticsEngine(config(edit), new SimpleMeterRegistry());
    }

    static CameraConfig config(Consumer<ObjectNode> edit) {
        try {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(CONFIG);
            edit.accept(n);
            return new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(n), "scenario");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant at(double seconds) {
        return T0.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** The capture time {@code seconds} after this scenario's frame 0. */
    Instant time(double seconds) {
        return start.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    double now() {
        return sequence / FPS;
    }

    /** Tells the engine the controller switched group g1 to {@code state} at {@code seconds}. */
    Scenario signal(double seconds, SignalState state) {
        engine.onControllerPhase(new ControllerPhase("g1", state, time(seconds)));
        return this;
    }

    /** One frame with these objects. */
    AnalysisResult frame(List<TrackedObject> objects) {
        return frame(objects, null);
    }

    /** One frame with these objects and this 1280x720 BGR picture (for vision signals; null: none). */
    AnalysisResult frame(List<TrackedObject> objects, byte[] bgr) {
        Instant t = time(sequence / FPS);
        TrackedFrame f = new TrackedFrame(CameraId.of("test-cam"), sequence, t, 1280, 720, objects, true);
        VideoFrame picture = bgr == null ? null
                : new VideoFrame(CameraId.of("test-cam"), sequence, t, sequence * 100_000L, 1280, 720,
                ByteBuffer.wrap(bgr));
        sequence++;
        AnalysisResult r = engine.analyse(f, picture);
        results.add(r);
        return r;
    }

    /** Empty frames until {@code seconds}. */
    Scenario idleUntil(double seconds) {
        while (now() < seconds - 1e-9) {
            frame(List.of());
        }
        return this;
    }

    List<PipelineEvent> events() {
        return results.stream().flatMap(r -> r.events().stream()).toList();
    }

    <T extends PipelineEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A moving vehicle: ground point per frame (bottom centre of its box), drawn as a 60x100 box (24x50 for two-wheelers). */
    static final class Vehicle {
        final long id;
        final RoadUserClass cls;
        final List<Point> history = new ArrayList<>();

        Vehicle(long id, RoadUserClass cls) {
            this.id = id;
            this.cls = cls;
        }

        TrackedObject at(double x, double y) {
            Point p = new Point(x, y);
            history.add(p);
            if (history.size() > 30) {
                history.removeFirst();
            }
            double w = cls == RoadUserClass.MOTORCYCLE || cls == RoadUserClass.BICYCLE ? 24 : 60;
            double h = cls == RoadUserClass.MOTORCYCLE || cls == RoadUserClass.BICYCLE ? 50 : 100;
            return new TrackedObject(id, cls, 0.9f, new BoundingBox(x - w / 2, y - h, x + w / 2, y),
                    TrackState.CONFIRMED, history);
        }
    }

    /**
     * Drives vehicles along straight legs between way points at a speed in pixels per frame; each call of the
     * returned step function gives the objects of the next frame.
     */
    static final class Drive {
        private final Map<Vehicle, List<Point>> routes = new HashMap<>();
        private final Map<Vehicle, Integer> leg = new HashMap<>();
        private final Map<Vehicle, Point> pos = new HashMap<>();
        private final Map<Vehicle, Double> speed = new HashMap<>();

        Drive add(Vehicle v, double pxPerFrame, Point... waypoints) {
            routes.put(v, List.of(waypoints));
            leg.put(v, 1);
            pos.put(v, waypoints[0]);
            speed.put(v, pxPerFrame);
            return this;
        }

        List<TrackedObject> step() {
            List<TrackedObject> out = new ArrayList<>();
            for (var e : routes.entrySet()) {
                Vehicle v = e.getKey();
                Point p = pos.get(v);
                int i = leg.get(v);
                double remaining = speed.get(v);
                while (remaining > 0 && i < e.getValue().size()) {
                    Point target = e.getValue().get(i);
                    double d = p.distanceTo(target);
                    if (d <= remaining) {
                        p = target;
                        remaining -= d;
                        i++;
                    } else {
                        p = new Point(p.x() + (target.x() - p.x()) * remaining / d,
                                p.y() + (target.y() - p.y()) * remaining / d);
                        remaining = 0;
                    }
                }
                pos.put(v, p);
                leg.put(v, i);
                out.add(v.at(p.x(), p.y()));
            }
            return out;
        }
    }
}
