package id.pantau.core.asset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds models and data files by name, in this order: the user cache ({@code ~/.cache/pantau}), the shared folder
 * beside the checkout ({@code ../shared}), then the public source URL (downloaded into the cache). A file is used only
 * when its SHA-256 matches the manifest; otherwise the next place is tried, and when none has it the error names
 * the asset, every place looked at with what was wrong there, and how to provide it.
 *
 * <p>Locations come from system properties or the environment: {@code pantau.cache}/{@code PANTAU_CACHE},
 * {@code pantau.shared}/{@code PANTAU_SHARED} (default {@code <pantau.home>/../shared}), and
 * {@code pantau.offline}/{@code PANTAU_OFFLINE}=true to forbid downloads.
 */
public final class Assets {
    private static final Logger log = LoggerFactory.getLogger(Assets.class);
    private static volatile Assets defaults;

    private final Map<String, ModelSpec> models;
    private final Map<String, DataFile> data;
    private final Path cacheDir;
    private final Optional<Path> sharedDir;
    private final Optional<Downloader> downloader;
    /** verified paths, so that a JVM hashes each file once */
    private final Map<String, Path> verified = new ConcurrentHashMap<>();

    public Assets(Map<String, ModelSpec> models, Map<String, DataFile> data, Path cacheDir, Optional<Path> sharedDir,
                  Optional<Downloader> downloader) {
        this.models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
        this.data = Map.copyOf(data);
        this.cacheDir = cacheDir;
        this.sharedDir = sharedDir;
        this.downloader = downloader;
    }

    /** The resolver over the manifests on the classpath and the locations configured for this process. */
    public static Assets defaults() {
        Assets a = defaults;
        if (a == null) {
            synchronized (Assets.class) {
                if (defaults == null) {
                    defaults = new Assets(Manifests.models(), Manifests.data(), defaultCacheDir(), defaultSharedDir(),
                            setting("pantau.offline", "PANTAU_OFFLINE").map(Boolean::parseBoolean).orElse(false)
                                    ? Optional.empty() : Optional.of(new Downloader()));
                }
                a = defaults;
            }
        }
        return a;
    }

    public Map<String, ModelSpec> modelSpecs() {
        return models;
    }

    public ModelSpec modelSpec(String name) {
        ModelSpec spec = models.get(name);
        if (spec == null) {
            throw new AssetNotFoundException("unknown model '" + name + "': the manifest (models/manifest.json) has "
                    + String.join(", ", models.keySet()));
        }
        return spec;
    }

    /** A model file by manifest name, verified. */
    public ModelAsset model(String name) {
        ModelSpec spec = modelSpec(name);
        return new ModelAsset(spec, resolve(spec.asEntry()));
    }

    /**
     * A data file or folder by its path relative to the data root ({@code videos/x.mp4}, {@code plates/indonesia}).
     * For a folder, every manifest file under it is resolved into one place and that folder is returned.
     */
    public Path data(String path) {
        String key = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        DataFile file = data.get(key);
        if (file != null) {
            return resolve(file.asEntry());
        }
        List<DataFile> members = data.values().stream().filter(f -> f.path().startsWith(key + "/")).toList();
        if (members.isEmpty()) {
            throw new AssetNotFoundException("unknown data '" + path + "': not in data/manifest.json");
        }
        Path folder = null;
        for (DataFile m : members) {
            Path p = resolve(m.asEntry());
            Path root = p;
            for (int i = 0; i < Path.of(m.path()).getNameCount() - Path.of(key).getNameCount(); i++) {
                root = root.getParent();
            }
            if (folder != null && !folder.equals(root)) {
                // members found in different places (partly shared, partly cached): gather them in the cache
                return gatherInCache(key, members);
            }
            folder = root;
        }
        return folder;
    }

    private Path gatherInCache(String key, List<DataFile> members) {
        for (DataFile m : members) {
            Path target = cacheDir.resolve("data").resolve(m.path());
            Path found = resolve(m.asEntry());
            if (!found.equals(target)) {
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(found, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new AssetNotFoundException("cannot gather data '" + key + "' in " + cacheDir + ": " + e);
                }
            }
        }
        return cacheDir.resolve("data").resolve(key);
    }

    private Path resolve(AssetEntry entry) {
        Path cached = verified.get(entry.relativePath());
        if (cached != null) {
            return cached;
        }
        List<String> tried = new ArrayList<>();
        Path inCache = cacheDir.resolve(entry.relativePath());
        List<Path> candidates = new ArrayList<>();
        candidates.add(inCache);
        sharedDir.ifPresent(s -> candidates.add(s.resolve(entry.relativePath())));
        for (Path candidate : candidates) {
            String problem = Checksums.problemWith(candidate, entry.sha256());
            if (problem == null) {
                verified.put(entry.relativePath(), candidate);
                return candidate;
            }
            tried.add(candidate + " (" + problem + ")");
        }
        if (entry.url() == null) {
            tried.add("no public source: this file is distributed only with ../shared");
        } else if (downloader.isEmpty()) {
            tried.add(entry.url() + " (downloads disabled: pantau.offline=true)");
        } else {
            try {
                downloader.get().fetch(entry, inCache);
                String problem = Checksums.problemWith(inCache, entry.sha256());
                if (problem == null) {
                    log.info("downloaded {} from {} into {}", entry.what(), entry.url(), inCache);
                    verified.put(entry.relativePath(), inCache);
                    return inCache;
                }
                Files.deleteIfExists(inCache);
                tried.add(entry.url() + " (downloaded, but " + problem + ")");
            } catch (IOException | RuntimeException e) {
                tried.add(entry.url() + " (download failed: " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tried.add(entry.url() + " (download interrupted)");
            }
        }
        throw new AssetNotFoundException(entry.what() + " (sha256 " + entry.sha256() + ") was not found. Looked in:\n  - "
                + String.join("\n  - ", tried) + "\nProvide it by copying the file to " + inCache
                + ", or set PANTAU_SHARED to a folder that holds " + entry.relativePath() + ".");
    }

    static Path defaultCacheDir() {
        return setting("pantau.cache", "PANTAU_CACHE").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "pantau"));
    }

    static Optional<Path> defaultSharedDir() {
        Optional<Path> explicit = setting("pantau.shared", "PANTAU_SHARED").map(Path::of);
        if (explicit.isPresent()) {
            return explicit;
        }
        Path home = setting("pantau.home", "PANTAU_HOME").map(Path::of).orElse(Path.of("").toAbsolutePath());
        Path shared = home.toAbsolutePath().normalize().resolveSibling("shared");
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    private static Optional<String> setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
