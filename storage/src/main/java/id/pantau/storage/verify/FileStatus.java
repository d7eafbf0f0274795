package id.pantau.storage.verify;

public enum FileStatus {
    /** Present with the size and SHA-256 the manifest records. */
    OK,
    /** Present but its content differs from the manifest. */
    ALTERED,
    /** Listed in the manifest but not stored. */
    MISSING,
    /** Stored under the package but not listed in the manifest. */
    UNEXPECTED
}
