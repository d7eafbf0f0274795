package id.pantau.storage.evidence;

import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StorageException;
import id.pantau.storage.StoreUnavailableException;
import id.pantau.storage.signing.ManifestSignature;
import id.pantau.storage.signing.ManifestSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link EvidencePackage}: every file, then the signature, then {@code manifest.json} LAST. The
 * manifest is the commit marker: a package without one is incomplete (a crash mid-write), never mistaken for a
 * complete one, and writing it again replaces the same objects.
 *
 * <p>Writing a package that is already stored with the same content does nothing; with different content it
 * fails with {@link EvidenceConflictException} rather than overwrite evidence.
 */
public final class PackageWriter {
    private static final Logger log = LoggerFactory.getLogger(PackageWriter.class);

    private final EvidenceStore store;
    private final ManifestSigner signer;
    private final PackageLayout layout;
    private final Clock clock;
    private final Counter written;
    private final Counter alreadyStored;

    public PackageWriter(EvidenceStore store, ManifestSigner signer, PackageLayout layout, Clock clock,
                         MeterRegistry registry) {
        this.store = store;
        this.signer = signer;
        this.layout = layout;
        this.clock = clock;
        this.written = Counter.builder("pantau.evidence.packages.written")
                .description("evidence packages written (files, signature, manifest)").register(registry);
        this.alreadyStored = Counter.builder("pantau.evidence.packages.already.stored")
                .description("package writes skipped because the same package was already stored").register(registry);
    }

    public StoredPackage write(EvidencePackage pkg) {
        String prefix = layout.prefixOf(pkg);
        Manifest manifest = new Manifest(Manifest.FORMAT, pkg.camera().value(), pkg.violationId(), pkg.occurredAt(),
                clock.instant(), describeFiles(pkg));

        Manifest existing = existingManifest(prefix);
        if (existing != null) {
            if (existing.sameContentAs(manifest)) {
                alreadyStored.increment();
                log.info("evidence package {} already stored with the same content, nothing written", prefix);
                return new StoredPackage(prefix, existing, true);
            }
            throw new EvidenceConflictException("evidence package " + prefix + " is already stored with different"
                    + " files; evidence is never overwritten. Give the new evidence its own violation id.");
        }

        for (EvidenceFile f : pkg.files()) {
            String key = prefix + f.name();
            switch (f) {
                case EvidenceFile.InMemory m -> store.put(key, m.bytes(), m.contentType());
                case EvidenceFile.OnDisk d -> store.put(key, d.path(), d.contentType());
            }
        }
        byte[] manifestJson = manifest.toJson();
        ManifestSignature signature = signer.sign(manifestJson);
        store.put(prefix + PackageLayout.SIGNATURE, SignatureFile.toJson(signature), "application/json");
        store.put(prefix + PackageLayout.MANIFEST, manifestJson, "application/json");
        written.increment();
        log.info("evidence package {} written: {} files, {} bytes, signed {} key {}", prefix, manifest.files().size(),
                manifest.files().stream().mapToLong(ManifestEntry::size).sum(), signature.algorithm(), signature.keyId());
        return new StoredPackage(prefix, manifest, false);
    }

    /** The stored manifest, or null if none (or if the store cannot be asked now: the write then goes ahead). */
    private Manifest existingManifest(String prefix) {
        String key = prefix + PackageLayout.MANIFEST;
        try {
            if (!store.exists(key)) {
                return null;
            }
            return Manifest.parse(store.get(key));
        } catch (StoreUnavailableException e) {
            // Can't look: writing is still right, because the same keys are rewritten (the spool keeps the order).
            return null;
        } catch (IOException e) {
            throw new StorageException("evidence package " + prefix + " has an unreadable manifest (" + e.getMessage()
                    + "); refusing to overwrite it, run 'pantau evidence verify " + prefix + "'", e);
        }
    }

    private static List<ManifestEntry> describeFiles(EvidencePackage pkg) {
        List<ManifestEntry> entries = new ArrayList<>();
        for (EvidenceFile f : pkg.files()) {
            entries.add(digest(f));
        }
        return entries;
    }

    private static ManifestEntry digest(EvidenceFile f) {
        try {
            Sha256 d = Sha256.of(f.open());
            return new ManifestEntry(f.name(), d.size(), d.hex(), f.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence file '" + f.name() + "': " + e.getMessage(), e);
        }
    }
}
