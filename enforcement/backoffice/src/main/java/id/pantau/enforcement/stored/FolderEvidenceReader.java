package id.pantau.enforcement.stored;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Evidence kept in a local folder, the key being the relative path (single-node installs, tests). */
public final class FolderEvidenceReader implements EvidenceReader {
    private final Path root;

    public FolderEvidenceReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public byte[] read(String key) throws IOException {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            // a key like ../../etc/passwd must never leave the evidence folder
            throw new NoSuchFileException(key, null, "evidence key leaves the evidence folder");
        }
        return Files.readAllBytes(p);
    }
}
