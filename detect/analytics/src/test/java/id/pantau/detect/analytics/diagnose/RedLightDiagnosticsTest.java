package id.pantau.detect.analytics.diagnose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.PlaneGeometry;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.Point;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.SharedData;
import id.pantau.detect.analytics.AnalysisResult;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.cli.FrameAnnotator;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why is a labelled red-light violation on the Hanoi clip missed? For every labelled violation, logs the raw
 * detections and the published tracks near the stop line in the frames around it (detected? tracked? confirmed?
 * which side of the line?) and the signal state. Opt-in ({@code -Dpantau.diagnose=true}): it is a tool for tuning,
 * not a regression test. Raw detections are cached in target/diagnose so reruns replay them without the model.
 */
@EnabledIfSystemProperty(named = "pantau.diagnose", matches = "true")
class RedLightDiagnosticsTest {
    private static final String CLIP = "hanoi_cctv_lythuongkiet-hangbai_intersection_64s";
    /** The stop line of docs/examples/hanoi-camera.json. */
    private static final Point A = new Point(195, 384);
    private static final Point B = new Point(530, 395);

    @Test
    void explainsEachLabelledViolation() throws Exception {
        Path cache = Path.of(System.getProperty("pantau.home"), "detect/target/diagnose/hanoi-detections.tsv");
        Map<Long, List<Detection>> detections = Files.exists(cache) ? load(cache) : null;
        Map<Long, List<Detection>> recorded = new HashMap<>();
        Detector detector = detections != null ? new Replay(detections) : new Recording(SharedData.yoloxNanoForTracking(), recorded);

        ObjectNode example = (ObjectNode) Json.mapper().readTree(
                Path.of(System.getProperty("pantau.home"), "docs/examples/hanoi-camera.json").toFile());
        CameraConfig config = new CameraConfigLoader().parse(Json.mapper().writeValueAsBytes(example), "hanoi");
        List<TrackedFrame> frames = new ArrayList<>();
        List<AnalysisResult> results = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // frames to draw with their tracks, e.g. -Dpantau.diagnose.frames=167,243
        java.util.Set<Long> dump = java.util.Arrays.stream(System.getProperty("pantau.diagnose.frames", "").split(","))
                .filter(x -> !x.isBlank()).map(Long::parseLong).collect(java.util.stream.Collectors.toSet());
        FrameAnnotator annotator = new FrameAnnotator();
        Files.createDirectories(cache.getParent());
        try (VideoFileReader reader = new VideoFileReader(SharedData.data("videos/" + CLIP + ".mp4"),
                CameraId.of(config.camera()));
             PerceptionStage perception = new PerceptionStage(detector, MotionSettings.defaults(),
                     TrackerSettings.defaults(), registry)) {
            AnalyticsEngine engine = new AnalyticsEngine(config, registry);
            for (VideoFrame frame; (frame = reader.next()) != null; ) {
                TrackedFrame tf = perception.process(frame);
                frames.add(tf);
                if (dump.contains(frame.sequence())) {
                    annotator.write(frame, tf.objects().stream().map(o -> new FrameAnnotator.Label(o.roadUser(),
                            o.score(), o.box().x1(), o.box().y1(), o.box().x2(), o.box().y2(), o.trackId())).toList(),
                            cache.resolveSibling("frame_" + frame.sequence() + ".png"));
                }
                results.add(engine.analyse(tf, frame));
            }
        }
        if (detections == null) {
            save(cache, recorded);
        }
        List<RedLightViolation> found = results.stream().flatMap(r -> r.events().stream())
                .filter(RedLightViolation.class::isInstance).map(RedLightViolation.class::cast).toList();
        StringBuilder out = new StringBuilder();
        for (RedLightViolation v : found) {
            out.append("FOUND track %d %s frames %s into red %.2f%n".formatted(v.trackId(), v.roadUserClass(),
                    v.frames(), v.timeIntoRedS()));
        }
        List<String> rows = Files.readAllLines(SharedData.data("videos/labels/" + CLIP + "/violations.csv"));
        Map<Long, List<Detection>> dets = detections != null ? detections : recorded;
        for (String row : rows.subList(1, rows.size())) {
            long f = Long.parseLong(row.split(",")[0]);
            out.append("=== label frame %d: %s%n".formatted(f, row));
            for (long s = Math.max(0, f - 5); s <= Math.min(frames.size() - 1, f + 5); s++) {
                TrackedFrame tf = frames.get((int) s);
                out.append("  f%d signal %s detected %s%n".formatted(s, results.get((int) s).signals(), tf.detected()));
                for (Detection d : dets.getOrDefault(s, List.of())) {
                    if (near(d.box())) {
                        out.append("    det %s %.2f %s%n".formatted(d.roadUser(), d.score(), where(d.box())));
                    }
                }
                for (TrackedObject o : tf.objects()) {
                    if (near(o.box())) {
                        out.append("    trk %d %s %s %s%n".formatted(o.trackId(), o.state(), o.roadUser(), where(o.box())));
                    }
                }
            }
        }
        Path report = cache.resolveSibling("redlight-report.txt");
        Files.writeString(report, out);
        System.out.println("diagnosis written to " + report + "; found " + found.size());
        assertThat(frames).hasSize(384);
    }

    private static boolean near(BoundingBox b) {
        double d = -PlaneGeometry.signedDistance(A, B, b.groundPoint());
        return Math.abs(d) < 70 && b.groundPoint().x() > 150;
    }

    private static String where(BoundingBox b) {
        Point g = b.groundPoint();
        double d = PlaneGeometry.signedDistance(A, B, g);
        return "box[%.0f,%.0f,%.0f,%.0f] ground(%.0f,%.0f) d=%.1f along=%.2f".formatted(b.x1(), b.y1(), b.x2(),
                b.y2(), g.x(), g.y(), d, PlaneGeometry.projection(A, B, g));
    }

    private static Map<Long, List<Detection>> load(Path p) throws IOException {
        Map<Long, List<Detection>> m = new HashMap<>();
        for (String line : Files.readAllLines(p)) {
            String[] f = line.split("\t");
            m.computeIfAbsent(Long.parseLong(f[0]), k -> new ArrayList<>()).add(new Detection(
                    RoadUserClass.valueOf(f[1]), f[2], Float.parseFloat(f[3]), new BoundingBox(
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]))));
        }
        return m;
    }

    private static void save(Path p, Map<Long, List<Detection>> m) throws IOException {
        Files.createDirectories(p.getParent());
        StringBuilder sb = new StringBuilder();
        m.forEach((s, ds) -> ds.forEach(d -> sb.append(s).append('\t').append(d.roadUser().name()).append('\t')
                .append(d.modelClass()).append('\t').append(d.score()).append('\t').append(d.box().x1()).append('\t')
                .append(d.box().y1()).append('\t').append(d.box().x2()).append('\t').append(d.box().y2()).append('\n')));
        Files.writeString(p, sb);
    }

    /** Records what the real detector found, by frame. */
    private record Recording(Detector inner, Map<Long, List<Detection>> out) implements Detector {
        @Override
        public List<Detection> detect(VideoFrame frame) {
            List<Detection> d = inner.detect(frame);
            out.put(frame.sequence(), d);
            return d;
        }

        @Override
        public String modelName() {
            return inner.modelName();
        }

        @Override
        public void close() {
        }
    }

    /** Replays recorded detections of the same frames (the tracker and analytics are then tuned without the model). */
    private record Replay(Map<Long, List<Detection>> by) implements Detector {
        @Override
        public List<Detection> detect(VideoFrame frame) {
            return by.getOrDefault(frame.sequence(), List.of());
        }

        @Override
        public String modelName() {
            return "replay";
        }

        @Override
        public void close() {
        }
    }
}
