package id.pantau.storage.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One named file of a package, held in memory (frames, crops, JSON) or on disk (clips). */
public sealed interface EvidenceFile permits EvidenceFile.InMemory, EvidenceFile.OnDisk {

    /** Name inside the package, e.g. {@code frames/0001.jpg}; checked by {@link EvidencePackage.Builder}. */
    String name();

    String contentType();

    InputStream open() throws IOException;

    record InMemory(String name, String contentType, byte[] bytes) implements EvidenceFile {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    record OnDisk(String name, String contentType, Path path) implements EvidenceFile {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
