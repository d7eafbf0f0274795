package id.pantau.core.asset;

/** One entry of {@code data/manifest.json}: a footage, label or plate file, relative to the data root. */
public record DataFile(String path, String sha256, long size, String url, String licence) {
    AssetEntry asEntry() {
        return new AssetEntry("data file '" + path + "'", "data/" + path, sha256, size, url, null);
    }
}
