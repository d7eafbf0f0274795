package id.pantau.storage.verify;

import id.pantau.storage.EvidenceStorage;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StorageException;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.local.LocalEvidenceStore;
import id.pantau.storage.signing.ManifestSignatureVerifier;
import id.pantau.storage.signing.SigningKeys;
import id.pantau.storage.signing.SignatureStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for {@code pantau evidence verify PATH|KEY}: PATH is a local package folder (the one holding
 * manifest.json), KEY a package prefix or manifest key in the configured store. Never throws for a bad package
 * or an unreachable store: the report says what is wrong, and {@code ok()} gives the exit status.
 */
public final class VerifyEvidence {
    private VerifyEvidence() {
    }

    public static VerificationReport verify(String pathOrKey, EvidenceStoreConfig config) {
        try {
            config.requireValidForVerification();
            ManifestSignatureVerifier keys = SigningKeys.verifier(config);
            Path folder = Path.of(pathOrKey);
            if (Files.isDirectory(folder)) {
                return verifyFolder(folder, keys);
            }
            try (EvidenceStore store = EvidenceStorage.openTarget(config, new SimpleMeterRegistry())) {
                return verifyKey(store, pathOrKey, keys);
            }
        } catch (IllegalArgumentException | StorageException e) {
            return failed(pathOrKey, e.getMessage());
        }
    }

    /**
     * A package folder on this machine, e.g. one copied off the store for a court. The folder's name must be the
     * violation id its signed manifest names (as in the store), so a package copied into another case's folder is
     * NOT OK.
     */
    public static VerificationReport verifyFolder(Path packageFolder, ManifestSignatureVerifier keys) {
        EvidenceStore store = new LocalEvidenceStore(packageFolder);
        Path name = packageFolder.toAbsolutePath().normalize().getFileName();
        try {
            return new PackageVerifier(store, keys).verify("", name == null ? null : name.toString());
        } catch (IllegalArgumentException | StorageException e) {
            return failed(packageFolder + "", e.getMessage());
        }
    }

    public static VerificationReport verifyKey(EvidenceStore store, String key, ManifestSignatureVerifier keys) {
        try {
            return new PackageVerifier(store, keys).verify(key);
        } catch (IllegalArgumentException | StorageException e) {
            return failed(key + " in " + store.describe(), e.getMessage());
        }
    }

    private static VerificationReport failed(String location, String problem) {
        return new VerificationReport(location, SignatureStatus.MISSING, "", List.of(), problem);
    }
}
