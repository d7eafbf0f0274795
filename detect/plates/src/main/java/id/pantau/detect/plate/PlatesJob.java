package id.pantau.detect.plate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.json.Json;
import id.pantau.detect.plate.eval.PlateEvaluation;
import id.pantau.detect.plate.eval.PlateLabels;
import id.pantau.detect.plate.image.MatImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the plates on one picture or every picture under a folder and writes one JSON object per picture:
 * <pre>{"source": "...", "plates": [{"text": "BH 1234 XY", "region": "Jambi", "score": 0.93, "status": "READ",
 *   "box": [x1, y1, x2, y2]}]}</pre>
 * A plate not READ (UNCERTAIN or UNREADABLE) is listed with {@code "text": null} and its best grammatical
 * {@code "alternatives"} (text and score), for an operator. A picture that cannot be decoded gets
 * {@code "error": "..."} instead of plates; the job goes on with the next one.
 */
public final class PlatesJob {
    private static final Logger log = LoggerFactory.getLogger(PlatesJob.class);
    private static final Set<String> IMAGE_TYPES = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    /** What is in each picture: whole scenes (plates are searched for) or plate crops (read as they are). */
    public enum Input {
        SCENES,
        CROPS
    }

    /**
     * Counts of one run.
     *
     * @param evaluation the readings scored against labels, when labels were given (else null)
     */
    public record Summary(int pictures, int plates, int read, int failedPictures, PlateEvaluation evaluation) {
        public Summary(int pictures, int plates, int read, int failedPictures) {
            this(pictures, plates, read, failedPictures, null);
        }
    }

    private final PlateReader reader;
    private final ObjectMapper json = Json.mapper();

    public PlatesJob(PlateReader reader) {
        this.reader = reader;
    }

    public Summary run(Path input, Path out, Input kind) {
        return run(input, out, kind, null);
    }

    /**
     * As {@link #run(Path, Path, Input)}, and when {@code labels} (a CSV, see {@link PlateLabels}) is given, scores
     * every labelled picture: a labelled picture that failed or has no plate at the labelled box counts as missed.
     */
    public Summary run(Path input, Path out, Input kind, Path labels) {
        List<Path> pictures = pictures(input);
        Map<String, PlateLabels.Label> byName = new HashMap<>();
        if (labels != null) {
            PlateLabels.read(labels).forEach(l -> byName.put(l.image(), l));
        }
        PlateEvaluation evaluation = labels == null ? null : new PlateEvaluation();
        int plates = 0, read = 0, failed = 0;
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (Path picture : pictures) {
                    ObjectNode line = json.createObjectNode().put("source", picture.toString());
                    PlateLabels.Label label = byName.get(picture.getFileName().toString());
                    try {
                        List<PlateReading> readings = readPicture(picture, kind);
                        if (label != null) {
                            evaluation.add(label, readings);
                        }
                        ArrayNode list = line.putArray("plates");
                        for (PlateReading r : readings) {
                            list.add(toJson(r));
                            plates++;
                            read += r.isRead() ? 1 : 0;
                        }
                    } catch (RuntimeException e) {
                        if (label != null) {
                            evaluation.add(label, List.of());
                        }
                        failed++;
                        log.warn("plates: skipped {}: {}", picture, e.getMessage());
                        line.put("error", e.getMessage());
                    }
                    w.write(json.writeValueAsString(line));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        Summary summary = new Summary(pictures.size(), plates, read, failed, evaluation);
        log.info("plates: {} pictures, {} plates, {} read, {} pictures failed -> {}", summary.pictures(),
                summary.plates(), summary.read(), summary.failedPictures(), out);
        return summary;
    }

    private List<PlateReading> readPicture(Path picture, Input kind) {
        try (Mat image = MatImages.read(picture)) {
            return switch (kind) {
                case SCENES -> reader.readScene(image);
                case CROPS -> List.of(reader.readPlate(image));
            };
        }
    }

    private ObjectNode toJson(PlateReading r) {
        ObjectNode n = json.createObjectNode();
        n.put("text", r.text().orElse(null));
        n.put("region", r.isRead() ? r.region().name() : null);
        n.put("score", Math.round(r.confidence() * 1000) / 1000.0);
        n.put("status", r.status().name());
        ArrayNode box = n.putArray("box");
        box.add(Math.round(r.box().x1())).add(Math.round(r.box().y1()))
                .add(Math.round(r.box().x2())).add(Math.round(r.box().y2()));
        ArrayNode alternatives = n.putArray("alternatives");
        for (PlateReading.Alternative a : r.alternatives()) {
            alternatives.addObject().put("text", a.text()).put("score", Math.round(a.confidence() * 1000) / 1000.0);
        }
        return n;
    }

    /** The picture itself, or the pictures under a folder (sorted, so runs are comparable). */
    static List<Path> pictures(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input " + input + " does not exist: give a picture or a folder of pictures");
        }
        try (Stream<Path> files = Files.walk(input)) {
            List<Path> list = files.filter(Files::isRegularFile).filter(PlatesJob::isPicture).sorted().toList();
            if (list.isEmpty()) {
                throw new IllegalArgumentException("--input " + input + " holds no pictures (" + IMAGE_TYPES + ")");
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPicture(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_TYPES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
