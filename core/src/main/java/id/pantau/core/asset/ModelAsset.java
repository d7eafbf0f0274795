package id.pantau.core.asset;

import java.nio.file.Path;

/** A model file found and verified on disk, with its manifest entry. */
public record ModelAsset(ModelSpec spec, Path path) {
    public String name() {
        return spec.name();
    }
}
