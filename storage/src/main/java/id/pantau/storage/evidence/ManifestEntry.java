package id.pantau.storage.evidence;

/** One file as recorded in the manifest: name relative to the package, byte size, lower-case hex SHA-256. */
public record ManifestEntry(String name, long size, String sha256, String contentType) {
}
