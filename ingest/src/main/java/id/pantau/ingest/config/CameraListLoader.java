package id.pantau.ingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import id.pantau.core.camera.CameraId;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a camera list from YAML ({@code .yaml}/{@code .yml}) or JSON and validates all of it at load time, so that
 * a typo stops the start with a message naming the field instead of surfacing later as a dead camera.
 * The format is documented in ingest/README.md.
 */
public final class CameraListLoader {

    /** The file as written; boxed fields so that "absent" can be told from a value and given a default. */
    record CameraFile(@JsonProperty("cameras") List<CameraEntry> cameras) {
    }

    record CameraEntry(@JsonProperty("id") String id,
                       @JsonProperty("url") String url,
                       @JsonProperty("file") String file,
                       @JsonProperty("transport") String transport,
                       @JsonProperty("analysis_fps") Double analysisFps,
                       @JsonProperty("mode") String mode,
                       @JsonProperty("loop") Boolean loop,
                       @JsonProperty("stall_timeout_s") Double stallTimeoutSeconds,
                       @JsonProperty("ring_seconds") Double ringSeconds,
                       @JsonProperty("ring_fps") Double ringFps,
                       @JsonProperty("ring_max_mb") Double ringMaxMegabytes,
                       @JsonProperty("jpeg_quality") Integer jpegQuality,
                       @JsonProperty("queue_capacity") Integer queueCapacity,
                       @JsonProperty("skip_nonref_frames") String skipNonRef) {
    }

    private CameraListLoader() {
    }

    /** Loads and validates; relative {@code file:} paths are resolved against the config file's folder. */
    public static List<CameraSource> load(Path configFile) {
        String name = configFile.toString();
        if (!Files.isRegularFile(configFile)) {
            throw new ConfigException(name, List.of("file not found: " + configFile.toAbsolutePath()));
        }
        String text;
        try {
            text = Files.readString(configFile);
        } catch (IOException e) {
            throw new ConfigException(name, List.of("cannot read: " + e.getMessage()));
        }
        boolean yaml = !name.toLowerCase(Locale.ROOT).endsWith(".json");
        Path base = configFile.toAbsolutePath().getParent();
        return parse(text, yaml, base, name);
    }

    /** Parses config text; {@code base} resolves relative file paths; {@code sourceName} appears in errors. */
    public static List<CameraSource> parse(String text, boolean yaml, Path base, String sourceName) {
        ObjectMapper mapper = yaml ? Json.yaml() : Json.mapper();
        CameraFile file;
        try {
            file = mapper.readValue(text, CameraFile.class);
        } catch (JacksonException e) {
            throw new ConfigException(sourceName, List.of(describe(e)));
        }
        if (file == null || file.cameras() == null || file.cameras().isEmpty()) {
            throw new ConfigException(sourceName, List.of("cameras: must list at least one camera"));
        }
        List<String> problems = new ArrayList<>();
        List<CameraSource> sources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.cameras().size(); i++) {
            CameraEntry entry = file.cameras().get(i);
            String at = "cameras[" + i + "]";
            if (entry == null) {
                problems.add(at + ": empty entry");
                continue;
            }
            int before = problems.size();
            CameraSource source = validate(entry, at, base, problems);
            if (entry.id() != null && !seen.add(entry.id())) {
                problems.add(at + ".id: duplicate id '" + entry.id() + "'");
            }
            if (source != null && problems.size() == before) {
                sources.add(source);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, problems);
        }
        return List.copyOf(sources);
    }

    private static CameraSource validate(CameraEntry e, String at, Path base, List<String> problems) {
        if (e.id() == null) {
            problems.add(at + ".id: required");
        } else {
            try {
                CameraId.of(e.id());
            } catch (IllegalArgumentException ex) {
                problems.add(at + ".id: " + ex.getMessage());
            }
        }
        String input = null;
        if (e.url() != null && e.file() != null) {
            problems.add(at + ": give either url or file, not both");
        } else if (e.url() == null && e.file() == null) {
            problems.add(at + ": needs url (rtsp://..., http://...) or file (a video path)");
        } else if (e.url() != null) {
            if (SourceKind.of(e.url()) == SourceKind.FILE) {
                problems.add(at + ".url: must start with rtsp://, rtsps://, http:// or https://, got '" + e.url()
                        + "' (use file: for a video file)");
            }
            input = e.url();
        } else {
            Path p = base == null ? Path.of(e.file()) : base.resolve(e.file());
            input = p.toAbsolutePath().normalize().toString();
        }
        Transport transport = parseEnum(Transport.class, e.transport(), Transport.TCP, at + ".transport", problems);
        Pacing pacing = parseEnum(Pacing.class, e.mode(), Pacing.REALTIME, at + ".mode", problems);
        double fps = positive(e.analysisFps(), CameraSource.DEFAULT_ANALYSIS_FPS, at + ".analysis_fps", problems);
        double stall = positive(e.stallTimeoutSeconds(), CameraSource.DEFAULT_STALL_TIMEOUT.toMillis() / 1000.0,
                at + ".stall_timeout_s", problems);
        double ringSeconds = nonNegative(e.ringSeconds(), CameraSource.DEFAULT_RING_WINDOW.toSeconds(),
                at + ".ring_seconds", problems);
        double ringFps = positive(e.ringFps(), fps, at + ".ring_fps", problems);
        double ringMb = nonNegative(e.ringMaxMegabytes(), CameraSource.DEFAULT_RING_MAX_BYTES / (double) (1 << 20),
                at + ".ring_max_mb", problems);
        int quality = e.jpegQuality() == null ? CameraSource.DEFAULT_JPEG_QUALITY : e.jpegQuality();
        if (quality < 1 || quality > 100) {
            problems.add(at + ".jpeg_quality: must be 1..100, got " + quality);
        }
        int capacity = e.queueCapacity() == null ? CameraSource.DEFAULT_QUEUE_CAPACITY : e.queueCapacity();
        if (capacity < 1) {
            problems.add(at + ".queue_capacity: must be >= 1, got " + capacity);
        }
        DecodeSkip skip = e.skipNonRef() == null ? DecodeSkip.AUTO : DecodeSkip.parse(e.skipNonRef());
        if (skip == null) {
            problems.add(at + ".skip_nonref_frames: must be auto, on or off, got '" + e.skipNonRef() + "'");
            skip = DecodeSkip.AUTO;
        }
        boolean loop = Boolean.TRUE.equals(e.loop());
        if (loop && e.url() != null) {
            problems.add(at + ".loop: only a file can loop, this camera has a url");
        }
        if (e.transport() != null && e.url() != null && SourceKind.of(e.url()) != SourceKind.RTSP) {
            problems.add(at + ".transport: only applies to rtsp:// urls");
        }
        if (input == null || e.id() == null) {
            return null;
        }
        try {
            return CameraSource.builder(e.id(), input).transport(transport).pacing(pacing).analysisFps(fps)
                    .loop(loop).stallTimeout(Duration.ofMillis(Math.round(stall * 1000)))
                    .ringWindow(Duration.ofMillis(Math.round(ringSeconds * 1000))).ringFps(ringFps)
                    .ringMaxBytes(Math.round(ringMb * (1 << 20))).jpegQuality(quality).queueCapacity(capacity)
                    .skipNonReference(skip).build();
        } catch (IllegalArgumentException ex) {
            return null; // already reported field by field above
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, E fallback, String field,
                                                   List<String> problems) {
        if (value == null) {
            return fallback;
        }
        for (E c : type.getEnumConstants()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        String allowed = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"));
        problems.add(field + ": must be " + allowed + ", got '" + value + "'");
        return fallback;
    }

    private static double positive(Double value, double fallback, String field, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (!(value > 0) || value.isInfinite()) {
            problems.add(field + ": must be > 0, got " + format(value));
            return fallback;
        }
        return value;
    }

    private static double nonNegative(Double value, double fallback, String field, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0) || value.isInfinite()) {
            problems.add(field + ": must be >= 0, got " + format(value));
            return fallback;
        }
        return value;
    }

    private static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Turns Jackson's parse errors into "path: problem" lines an operator can act on. */
    static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : " (known fields: " + u.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            return path(u) + ": unknown field" + known;
        }
        if (e instanceof InvalidFormatException f) {
            return path(f) + ": expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m) {
            return path(m) + ": expected " + typeName(m.getTargetType());
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return "syntax error" + where + ": " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "an object";
    }
}
