package id.pantau.ingest.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.config.Config;
import id.pantau.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static id.pantau.ingest.config.CameraListOptions.*;

/**
 * Reads a camera list from YAML ({@code .yaml}/{@code .yml}) or JSON and validates all of it at load time, so that
 * a typo stops the start with a message naming the field instead of surfacing later as a dead camera. Each
 * camera's options are declared in {@link CameraListOptions}.
 * The format is documented in ingest/README.md.
 */
public final class CameraListLoader {

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
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(sourceName, List.of(describe(e)));
        }
        List<String> problems = new ArrayList<>();
        JsonNode cameras = tree == null || !tree.isObject() ? null : tree.get("cameras");
        if (tree != null && tree.isObject()) {
            tree.fieldNames().forEachRemaining(f -> {
                if (!f.equals("cameras")) {
                    problems.add(f + ": unknown field (known fields: cameras)");
                }
            });
        }
        if (cameras != null && !cameras.isNull() && !cameras.isArray()) {
            problems.add("cameras: expected a list");
        } else if (cameras == null || cameras.isEmpty()) {
            problems.add("cameras: must list at least one camera");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, problems);
        }
        List<CameraSource> sources = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cameras.size(); i++) {
            JsonNode entry = cameras.get(i);
            String at = "cameras[" + i + "]";
            if (entry == null || entry.isNull()) {
                problems.add(at + ": empty entry");
                continue;
            }
            int before = problems.size();
            Config options = CameraListOptions.DEF.parse(entry, at, base == null ? null : base);
            problems.addAll(options.errors());
            CameraSource source = validate(options, at, problems);
            String id = options.string(ID);
            if (id != null && !seen.add(id)) {
                problems.add(at + ".id: duplicate id '" + id + "'");
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

    /** The rules that join options; each option's own type and range were checked by its declaration. */
    private static CameraSource validate(Config o, String at, List<String> problems) {
        String id = o.string(ID);
        String url = o.string(URL);
        Path file = o.path(FILE);
        if (id == null && !o.given(ID)) {
            problems.add(at + ".id: required");
        }
        boolean urlGiven = o.given(URL);
        String input = null;
        if (urlGiven && o.given(FILE)) {
            problems.add(at + ": give either url or file, not both");
        } else if (!urlGiven && !o.given(FILE)) {
            problems.add(at + ": needs url (rtsp://..., http://...) or file (a video path)");
        } else if (url != null) {
            if (SourceKind.of(url) == SourceKind.FILE) {
                problems.add(at + ".url: must start with rtsp://, rtsps://, http:// or https://, got '" + url
                        + "' (use file: for a video file)");
            }
            input = url;
        } else if (file != null) {
            input = file.toAbsolutePath().normalize().toString();
        }
        boolean loop = Boolean.TRUE.equals(o.bool(LOOP));
        if (loop && urlGiven) {
            problems.add(at + ".loop: only a file can loop, this camera has a url");
        }
        if (o.given(TRANSPORT) && url != null && SourceKind.of(url) != SourceKind.RTSP) {
            problems.add(at + ".transport: only applies to rtsp:// urls");
        }
        if (input == null || id == null || !o.ok()) {
            return null;
        }
        try {
            return CameraSource.builder(id, input).transport(enumOf(Transport.class, o.string(TRANSPORT)))
                    .pacing(enumOf(Pacing.class, o.string(MODE))).analysisFps(o.doubleValue(ANALYSIS_FPS))
                    .loop(loop).stallTimeout(o.duration(STALL_TIMEOUT_S)).ringWindow(o.duration(RING_SECONDS))
                    .ringFps(o.doubleValue(RING_FPS)).ringMaxBytes(Math.round(o.doubleValue(RING_MAX_MB) * (1 << 20)))
                    .jpegQuality(o.intValue(JPEG_QUALITY)).queueCapacity(o.intValue(QUEUE_CAPACITY))
                    .skipNonReference(DecodeSkip.parse(o.string(SKIP_NONREF_FRAMES))).name(o.string(NAME))
                    .decodeThreads(o.intValue(DECODE_THREADS))
                    .priority(AnalysisPriority.parse(o.string(PRIORITY))).build();
        } catch (IllegalArgumentException ex) {
            problems.add(at + ": " + ex.getMessage());
            return null;
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String declared) {
        return Enum.valueOf(type, declared.toUpperCase(Locale.ROOT));
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
