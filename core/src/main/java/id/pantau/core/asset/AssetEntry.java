package id.pantau.core.asset;

/** What the resolver needs to find and verify one file, whether model or data. */
record AssetEntry(String what, String relativePath, String sha256, long size, String url, String archiveMember) {
}
