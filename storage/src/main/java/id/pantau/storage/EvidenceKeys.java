package id.pantau.storage;

import java.util.regex.Pattern;

/**
 * Object keys are checked before they reach a backend: the same key must be valid as an S3 key and as a
 * relative file path, so path traversal ('..'), absolute paths and odd characters are refused.
 */
public final class EvidenceKeys {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private EvidenceKeys() {
    }

    /** Returns {@code key} if it is a valid object key, otherwise throws an error naming the problem. */
    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("evidence key is empty");
        }
        if (key.length() > 900) {
            throw new IllegalArgumentException("evidence key is " + key.length() + " characters, more than 900: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("evidence key '" + key + "' has an invalid part '" + segment
                        + "': parts are 1-128 letters, digits, '.', '_' or '-', not starting with '.' or '-',"
                        + " separated by single '/'");
            }
        }
        return key;
    }

    /** A prefix is a key ending in '/', or empty (everything). */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        requireValidKey(body);
        return prefix;
    }
}
