package id.pantau.core.camera;

import java.util.regex.Pattern;

/**
 * A camera's stable identifier, used as the Kafka key, in metric tags, object keys and file names.
 * Restricted to a slug so it is safe in all of those places.
 */
public record CameraId(String value) implements Comparable<CameraId> {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public CameraId {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("camera id '" + value
                    + "' must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    public static CameraId of(String value) {
        return new CameraId(value);
    }

    @Override
    public int compareTo(CameraId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
