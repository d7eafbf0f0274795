package id.pantau.storage.evidence;

/** What {@link PackageWriter#write} did: where the package is, its manifest, and whether it was already there. */
public record StoredPackage(String prefix, Manifest manifest, boolean alreadyStored) {
    public String manifestKey() {
        return prefix + PackageLayout.MANIFEST;
    }
}
