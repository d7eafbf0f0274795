package id.pantau.storage.evidence;

import com.fasterxml.jackson.databind.ObjectWriter;
import id.pantau.core.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code manifest.json}: the list of every file of a package with its size and SHA-256. It is signed byte for
 * byte (the signature lives in {@code manifest.json.sig}), so it is parsed for reading but never re-serialized
 * for verification.
 */
public record Manifest(String format, String cameraId, String violationId, Instant occurredAt, Instant writtenAt,
                       List<ManifestEntry> files) {
    public static final String FORMAT = "pantau-evidence/1";
    private static final ObjectWriter WRITER = Json.mapper().writerWithDefaultPrettyPrinter();

    public Manifest {
        files = List.copyOf(files);
    }

    public Map<String, ManifestEntry> byName() {
        return files.stream().collect(Collectors.toMap(ManifestEntry::name, Function.identity()));
    }

    /** Same files with the same content (times may differ between two writes of one package). */
    public boolean sameContentAs(Manifest other) {
        return byName().equals(other.byName());
    }

    public byte[] toJson() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest not serializable: " + e, e);
        }
    }

    public static Manifest parse(byte[] json) throws IOException {
        Manifest m = Json.mapper().readValue(json, Manifest.class);
        if (!FORMAT.equals(m.format())) {
            throw new IOException("manifest format '" + m.format() + "' is not " + FORMAT);
        }
        return m;
    }
}
