package id.pantau.detect.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import id.pantau.core.perception.Detection;
import id.pantau.core.perception.RoadUserClass;
import id.pantau.core.perception.TrackState;
import id.pantau.core.perception.TrackedObject;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.profile.ProfiledDetector;
import id.pantau.detect.rider.RiderMerger;
import id.pantau.detect.rider.RoadUserDetection;
import id.pantau.detect.io.ImageFiles;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.track.ByteTracker;
import id.pantau.detect.track.TrackerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The work behind {@code pantau detect}: runs the detector over an image, a folder of images or a video file and
 * writes one JSON line per image or analysed frame:
 * {@code {"source": "...", "frame": N, "detections": [{"class": "bus", "score": 0.91, "box": [x1, y1, x2, y2],
 * "track": 7}]}} (boxes in source pixels; {@code track} only for video, where the tracker runs). With an annotate
 * folder, each image or frame is also drawn.
 *
 * <p>The detector should report low scores too ({@code DetectorSettings.forTracking}): images are filtered with
 * the tracker's per-class thresholds, videos go through the tracker, which needs the low-score boxes.
 * An unreadable image in a folder is reported and skipped; the others are still processed.
 */
public final class DetectJob {
    private static final Logger LOG = LoggerFactory.getLogger(DetectJob.class);
    private static final CameraId CLI_CAMERA = CameraId.of("cli");

    private final Detector detector;
    private final TrackerSettings tracking;
    private final ObjectWriter json = Json.mapper().writer();
    private final FrameAnnotator annotator = new FrameAnnotator();

    /**
     * @param input    an image, a folder of images, or a video file
     * @param out      the JSON-lines file to write
     * @param annotate folder for drawn frames, if wanted
     * @param every    analyse every n-th video frame (1 = all)
     */
    public record Options(Path input, Path out, Optional<Path> annotate, int every) {
        public Options {
            if (every < 1) {
                throw new IllegalArgumentException("--every must be at least 1, got " + every);
            }
        }
    }

    /** What the job did; {@code failures} names each input that could not be used and why. */
    public record Summary(int sources, long frames, long detections, List<String> failures) {
    }

    /** One JSON line. */
    @JsonPropertyOrder({"source", "frame", "detections"})
    public record FrameLine(String source, long frame, List<Item> detections) {
    }

    /**
     * One detection (or tracked object) in a JSON line. A motorcycle seen only as its riding person has
     * {@code from_rider: true}; {@code person} is the (first) person box folded into the road user (the rider of a
     * motorcycle, or the person a from-rider motorcycle was made of).
     */
    @JsonPropertyOrder({"class", "score", "box", "track", "from_rider", "person"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@JsonProperty("class") String roadUser, float score, double[] box, Long track,
                       @JsonProperty("from_rider") Boolean fromRider, double[] person) {
        public Item(String roadUser, float score, double[] box, Long track) {
            this(roadUser, score, box, track, null, null);
        }
    }

    private final ProfiledDetector profiled;

    /** A bare detector: persons stay persons (no camera geometry, no rider step). */
    public DetectJob(Detector detector, TrackerSettings tracking) {
        this.detector = detector;
        this.tracking = tracking;
        this.profiled = null;
    }

    /** A camera's detector profile: its tiles, riders folded into motorbikes, its analysis rate for video. */
    public DetectJob(ProfiledDetector detector, TrackerSettings tracking) {
        this.detector = detector;
        this.tracking = tracking;
        this.profiled = detector;
    }

    private List<RoadUserDetection> still(VideoFrame f) {
        return profiled != null ? profiled.detectRoadUsers(f)
                : detector.detect(f).stream().map(RoadUserDetection::plain).toList();
    }

    private List<RoadUserDetection> videoFrame(VideoFrame f) {
        return profiled != null ? profiled.detectVideoRoadUsers(f)
                : detector.detect(f).stream().map(RoadUserDetection::plain).toList();
    }

    public Summary run(Options o) throws IOException {
        Path input = o.input();
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input " + input.toAbsolutePath() + " does not exist");
        }
        o.annotate().ifPresent(DetectJob::createDirectories);
        Path parent = o.out().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Counter c = new Counter();
        try (BufferedWriter w = Files.newBufferedWriter(o.out())) {
            if (Files.isDirectory(input)) {
                List<Path> images;
                try (Stream<Path> s = Files.list(input)) {
                    images = s.filter(Files::isRegularFile).filter(ImageFiles::looksLikeImage).sorted().toList();
                }
                if (images.isEmpty()) {
                    throw new IllegalArgumentException("folder " + input.toAbsolutePath() + " holds no images"
                            + " (.jpg, .jpeg, .png, .bmp, .webp, .tif)");
                }
                for (Path p : images) {
                    image(p, o, w, c);
                }
            } else if (ImageFiles.looksLikeImage(input)) {
                image(input, o, w, c);
            } else {
                video(input, o, w, c);
            }
        }
        Summary s = new Summary(c.sources, c.frames, c.detections, List.copyOf(c.failures));
        LOG.info("detect: {} source(s), {} frame(s), {} detection(s), {} failure(s) -> {}", s.sources(), s.frames(),
                s.detections(), s.failures().size(), o.out());
        return s;
    }

    private void image(Path p, Options o, BufferedWriter w, Counter c) throws IOException {
        c.sources++;
        VideoFrame frame;
        try {
            frame = ImageFiles.read(p, CLI_CAMERA, 0);
        } catch (ImageFiles.UnreadableImageException e) {
            LOG.warn("skipped: {}", e.getMessage());
            c.failures.add(e.getMessage());
            return;
        }
        List<Item> items = new ArrayList<>();
        List<FrameAnnotator.Label> labels = new ArrayList<>();
        for (RoadUserDetection r : still(frame)) {
            Detection d = r.detection();
            if (d.score() >= tracking.highThreshold(d.roadUser())) {
                add(items, labels, d.roadUser(), d.score(), d.box().clip(frame.width(), frame.height()), null, r);
            }
        }
        write(w, new FrameLine(p.toString(), 0, items), c);
        // PNG sources stay lossless PNG; everything else is drawn as JPEG
        String ext = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? ".png" : ".jpg";
        o.annotate().ifPresent(dir -> annotator.write(frame, labels, dir.resolve(baseName(p) + ext)));
    }

    private void video(Path p, Options o, BufferedWriter w, Counter c) throws IOException {
        c.sources++;
        ByteTracker tracker = new ByteTracker(tracking);
        try (VideoFileReader reader = new VideoFileReader(p, CLI_CAMERA)) {
            int every = o.every();
            if (profiled != null && every == 1 && profiled.camera().profile().rateFps().isPresent()) {
                every = (int) Math.max(1, Math.round(reader.frameRate() / profiled.camera().profile().rateFps().get()));
                LOG.info("camera '{}': analysing every {} frame(s) of {} fps for {} fps", profiled.camera().camera(),
                        every, reader.frameRate(), profiled.camera().profile().rateFps().get());
            }
            VideoFrame f;
            while ((f = reader.next()) != null) {
                List<Item> items = new ArrayList<>();
                List<FrameAnnotator.Label> labels = new ArrayList<>();
                List<RoadUserDetection> found = videoFrame(f);
                for (TrackedObject t : tracker.update(RiderMerger.detections(found))) {
                    if (t.state() == TrackState.CONFIRMED) {
                        add(items, labels, t.roadUser(), t.score(), t.box().clip(f.width(), f.height()),
                                t.trackId(), matching(t.box(), found));
                    }
                }
                write(w, new FrameLine(p.toString(), f.sequence(), items), c);
                VideoFrame drawn = f;
                o.annotate().ifPresent(dir -> annotator.write(drawn, labels,
                        dir.resolve("%s_%06d.jpg".formatted(baseName(p), drawn.sequence()))));
                if (every > 1 && !reader.skip(every - 1)) {
                    break;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; the input must be an image (.jpg, .png, ...),"
                    + " a folder of images or a video file", e);
        }
    }

    /** The road user of this frame a track was updated from (best IoU, at least 0.5), if any. */
    private static RoadUserDetection matching(BoundingBox track, List<RoadUserDetection> found) {
        RoadUserDetection best = null;
        double bestIou = 0.5;
        for (RoadUserDetection r : found) {
            double iou = r.detection().box().iou(track);
            if (iou >= bestIou) {
                bestIou = iou;
                best = r;
            }
        }
        return best;
    }

    private static void add(List<Item> items, List<FrameAnnotator.Label> labels, RoadUserClass c, float score,
                            BoundingBox b, Long track, RoadUserDetection from) {
        double[] box = array(b);
        float s = Math.round(score * 1000) / 1000f;
        boolean rider = from != null && from.fromRider();
        double[] person = from == null || from.persons().isEmpty() ? null : array(from.persons().getFirst());
        items.add(new Item(c.label(), s, box, track, rider ? Boolean.TRUE : null, person));
        labels.add(new FrameAnnotator.Label(c, s, b.x1(), b.y1(), b.x2(), b.y2(), track));
    }

    private static double[] array(BoundingBox b) {
        return new double[] {round(b.x1()), round(b.y1()), round(b.x2()), round(b.y2())};
    }

    private void write(BufferedWriter w, FrameLine line, Counter c) throws IOException {
        w.write(json.writeValueAsString(line));
        w.newLine();
        c.frames++;
        c.detections += line.detections().size();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the --annotate folder " + dir.toAbsolutePath(), e);
        }
    }

    private static final class Counter {
        int sources;
        long frames;
        long detections;
        final List<String> failures = new ArrayList<>();
    }
}
