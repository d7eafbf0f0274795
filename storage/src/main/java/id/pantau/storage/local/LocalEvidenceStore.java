package id.pantau.storage.local;

import id.pantau.storage.EvidenceKeys;
import id.pantau.storage.EvidenceNotFoundException;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StorageException;
import id.pantau.storage.StoreHealth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence in a local folder: the embedded single-node default. The key is the relative path.
 *
 * <p>Every write goes to a hidden temp file in the target folder, is forced to disk, then moved over the final
 * name atomically, so a reader (or a crash) never sees half an object.
 */
public final class LocalEvidenceStore implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(LocalEvidenceStore.class);
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public LocalEvidenceStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException("cannot create evidence folder " + this.root + ": " + describe(e)
                    + "; create it or point the 'dir' setting at a writable folder", e);
        }
    }

    public Path root() {
        return root;
    }

    /** The file that holds {@code key}; the key is validated so it cannot escape the root. */
    public Path pathOf(String key) {
        return root.resolve(EvidenceKeys.requireValidKey(key));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        write(key, out -> out.write(content));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        write(key, out -> Files.copy(file, out));
    }

    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private void write(String key, Writer writer) {
        Path target = pathOf(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageException("writing evidence '" + key + "' to " + target + " failed: " + describe(e)
                    + "; check that " + root + " is writable and has free space", e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String key) {
        Path path = pathOf(key);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new EvidenceNotFoundException(key, describe());
        } catch (IOException e) {
            throw new StorageException("reading evidence '" + key + "' from " + path + " failed: " + describe(e), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public List<String> list(String prefix) {
        String p = EvidenceKeys.requireValidPrefix(prefix);
        // Walk only the deepest folder the prefix names completely, then filter by the string prefix (S3 semantics).
        int slash = p.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(p.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(TEMP_PREFIX))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("listing evidence under '" + p + "' in " + root + " failed: " + describe(e), e);
        }
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl) {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(path.toUri()) : Optional.empty();
    }

    @Override
    public StoreHealth health() {
        if (!Files.isDirectory(root)) {
            return StoreHealth.down("evidence folder " + root + " is missing");
        }
        try {
            Path probe = Files.createTempFile(root, TEMP_PREFIX + "health", ".probe");
            Files.delete(probe);
            return StoreHealth.up("evidence folder " + root + " is writable, "
                    + Files.getFileStore(root).getUsableSpace() / (1024 * 1024) + " MB free");
        } catch (IOException e) {
            return StoreHealth.down("evidence folder " + root + " is not writable: " + describe(e));
        }
    }

    @Override
    public String describe() {
        return "local folder " + root;
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("could not remove temp file {}: {}", temp, e.toString());
        }
    }

    /** IOException messages from NIO are often just the path; name the kind of failure too. */
    static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case FileAlreadyExistsException f -> "a file is in the way (" + f.getFile() + ")";
            case NoSuchFileException n -> "no such file or folder (" + n.getFile() + ")";
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }
}
