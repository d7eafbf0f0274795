package id.pantau.core.camera.config;

import id.pantau.core.camera.CameraId;
import id.pantau.core.config.ConfigReads;
import id.pantau.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Append-only, versioned camera configurations on disk: {@code <dir>/<camera>/v<N>.json}, plus a
 * {@code current} file naming the version in force. A saved version is never rewritten (events name the
 * version they were computed with, so it must stay what it was); rolling back only moves {@code current}.
 * Listeners hear of every change of the version in force, which is how a running pipeline swaps live.
 */
public final class CameraConfigStore {
    private static final Logger log = LoggerFactory.getLogger(CameraConfigStore.class);
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.json");

    private final Path dir;
    private final CameraConfigLoader loader = new CameraConfigLoader();
    private final List<Consumer<CameraConfig>> listeners = new CopyOnWriteArrayList<>();

    public CameraConfigStore(Path dir) {
        this.dir = dir;
    }

    /** Called with the configuration now in force after every {@link #save} and {@link #activate}. */
    public void onChange(Consumer<CameraConfig> listener) {
        listeners.add(listener);
    }

    /**
     * Validates the draft, stores it as the next version and makes it current.
     *
     * @return the stored configuration, carrying its version
     */
    public CameraConfig save(CameraConfig draft) throws InvalidCameraConfigException, IOException {
        return save(draft, null);
    }

    /**
     * As {@link #save(CameraConfig)}, remembering who saved it and when beside the version ({@code v<N>.meta.json}),
     * so the editor's version list can say whose change is in force. The version file itself stays the pure
     * configuration: events name it and pipelines load it.
     *
     * @param author the user who saved it, or null when no person did (a file import)
     */
    public synchronized CameraConfig save(CameraConfig draft, String author)
            throws InvalidCameraConfigException, IOException {
        loader.validate(draft, "for camera " + draft.camera());
        CameraId camera = CameraId.of(draft.camera());
        Path cameraDir = Files.createDirectories(dir.resolve(camera.value()));
        int next = versions(camera).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        while (true) {
            CameraConfig stored = draft.withVersion(next);
            Path tmp = Files.createTempFile(cameraDir, ".v" + next, ".tmp");
            try {
                // writing a version is not using its options (ConfigReads)
                byte[] bytes = ConfigReads.quietly(() -> Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(stored));
                Files.write(tmp, bytes);
                publish(tmp, cameraDir.resolve("v" + next + ".json"));
                writeMeta(cameraDir, next, author);
            } catch (FileAlreadyExistsException taken) {
                Files.deleteIfExists(tmp);
                next++;
                continue;
            } finally {
                Files.deleteIfExists(tmp);
            }
            writeCurrent(cameraDir, next);
            log.info("camera {} configuration v{} saved and in force", camera, next);
            notifyListeners(stored);
            return stored;
        }
    }

    /** Makes an existing version current again (rollback); nothing is rewritten. */
    public synchronized CameraConfig activate(CameraId camera, int version)
            throws IOException, InvalidCameraConfigException {
        CameraConfig c = version(camera, version);
        writeCurrent(dir.resolve(camera.value()), version);
        log.info("camera {} configuration v{} put back in force", camera, version);
        notifyListeners(c);
        return c;
    }

    public Optional<CameraConfig> current(CameraId camera) throws IOException, InvalidCameraConfigException {
        Path pointer = dir.resolve(camera.value()).resolve("current");
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        String text = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        Matcher m = VERSION_FILE.matcher(text);
        if (!m.matches()) {
            throw new IOException(pointer + " should name a version file like v3.json, holds '" + text + "'");
        }
        return Optional.of(version(camera, Integer.parseInt(m.group(1))));
    }

    public CameraConfig version(CameraId camera, int version) throws IOException, InvalidCameraConfigException {
        return loader.load(dir.resolve(camera.value()).resolve("v" + version + ".json"));
    }

    /** The cameras with an active configuration, by id (the complaint link reads their positions). */
    public List<CameraId> cameras() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("current")))
                    .map(d -> d.getFileName().toString()).sorted().map(CameraId::of).toList();
        }
    }

    /** Stored versions, ascending. */
    public List<Integer> versions(CameraId camera) throws IOException {
        Path cameraDir = dir.resolve(camera.value());
        if (!Files.isDirectory(cameraDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cameraDir)) {
            return files.map(p -> VERSION_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
    }

    /** Who saved a version and when: from its meta file, else (versions older than it) the file's time only. */
    public record VersionInfo(int version, String author, Instant savedAt) {
    }

    /** Every stored version with its author and time, ascending. */
    public List<VersionInfo> history(CameraId camera) throws IOException {
        Path cameraDir = dir.resolve(camera.value());
        List<VersionInfo> out = new ArrayList<>();
        for (int v : versions(camera)) {
            Path meta = cameraDir.resolve("v" + v + ".meta.json");
            if (Files.isRegularFile(meta)) {
                JsonNode m = Json.mapper().readTree(meta.toFile());
                String author = m.path("author").isTextual() ? m.get("author").asText() : null;
                Instant at = m.path("saved_at").isTextual() ? Instant.parse(m.get("saved_at").asText())
                        : Files.getLastModifiedTime(cameraDir.resolve("v" + v + ".json")).toInstant();
                out.add(new VersionInfo(v, author, at));
            } else {
                out.add(new VersionInfo(v, null, Files.getLastModifiedTime(cameraDir.resolve("v" + v + ".json")).toInstant()));
            }
        }
        return out;
    }

    private static void writeMeta(Path cameraDir, int version, String author) throws IOException {
        ObjectNode m = Json.mapper().createObjectNode();
        if (author != null) {
            m.put("author", author);
        }
        m.put("saved_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        Files.write(cameraDir.resolve("v" + version + ".meta.json"), Json.mapper().writeValueAsBytes(m));
    }

    /**
     * Gives the complete temporary file its version name without ever replacing an existing version: a hard link
     * is created atomically and fails if the name is taken (another writer got that number first), so a reader
     * never sees a half-written version and no version is overwritten.
     */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(tmp, target);   // without REPLACE_EXISTING: fails rather than overwrite
        }
    }

    private static void writeCurrent(Path cameraDir, int version) throws IOException {
        Path tmp = Files.createTempFile(cameraDir, ".current", ".tmp");
        try {
            Files.writeString(tmp, "v" + version + ".json\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, cameraDir.resolve("current"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cameraDir.resolve("current"), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void notifyListeners(CameraConfig c) {
        for (Consumer<CameraConfig> l : listeners) {
            try {
                l.accept(c);
            } catch (RuntimeException e) {
                log.warn("configuration listener failed for camera {} v{}: {}", c.camera(), c.version(),
                        e.toString());
            }
        }
    }
}
