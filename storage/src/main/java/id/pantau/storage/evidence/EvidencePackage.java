package id.pantau.storage.evidence;

import id.pantau.core.camera.CameraId;
import id.pantau.storage.EvidenceKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything stored for one violation: its identity (camera, violation id, time) and its named files.
 * The identity alone decides the object keys (see {@link PackageLayout}), so writing the same package again
 * lands on the same objects.
 */
public record EvidencePackage(CameraId camera, String violationId, Instant occurredAt, List<EvidenceFile> files) {
    private static final Pattern VIOLATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public EvidencePackage {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (violationId == null || !VIOLATION_ID.matcher(violationId).matches()) {
            throw new IllegalArgumentException("violation id '" + violationId
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("evidence package " + violationId + " has no files");
        }
    }

    public static Builder builder(CameraId camera, String violationId, Instant occurredAt) {
        return new Builder(camera, violationId, occurredAt);
    }

    public static final class Builder {
        private final CameraId camera;
        private final String violationId;
        private final Instant occurredAt;
        private final List<EvidenceFile> files = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(CameraId camera, String violationId, Instant occurredAt) {
            this.camera = camera;
            this.violationId = violationId;
            this.occurredAt = occurredAt;
        }

        public Builder add(String name, byte[] bytes, String contentType) {
            return add(new EvidenceFile.InMemory(checkName(name), orDefault(contentType), bytes.clone()));
        }

        /** The file is read when the package is written; it must stay in place until then. */
        public Builder add(String name, Path file, String contentType) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("evidence file '" + name + "': " + file + " is not a readable file");
            }
            return add(new EvidenceFile.OnDisk(checkName(name), orDefault(contentType), file));
        }

        private static String orDefault(String contentType) {
            return contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        }

        private Builder add(EvidenceFile f) {
            files.add(f);
            return this;
        }

        private String checkName(String name) {
            try {
                EvidenceKeys.requireValidKey(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("evidence file name: " + e.getMessage(), e);
            }
            if (PackageLayout.RESERVED.contains(name)) {
                throw new IllegalArgumentException("evidence file name '" + name + "' is reserved for the package itself");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("evidence file '" + name + "' added twice to package " + violationId);
            }
            return name;
        }

        public EvidencePackage build() {
            return new EvidencePackage(camera, violationId, occurredAt, files);
        }
    }
}
