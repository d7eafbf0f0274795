package id.pantau.storage.verify;

import id.pantau.storage.EvidenceKeys;
import id.pantau.storage.EvidenceNotFoundException;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StoreUnavailableException;
import id.pantau.storage.evidence.Manifest;
import id.pantau.storage.evidence.ManifestEntry;
import id.pantau.storage.evidence.PackageLayout;
import id.pantau.storage.evidence.Sha256;
import id.pantau.storage.evidence.SignatureFile;
import id.pantau.storage.signing.ManifestSignature;
import id.pantau.storage.signing.ManifestSignatureVerifier;
import id.pantau.storage.signing.SignatureStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a stored package against its signed manifest: the signature over the exact manifest bytes, then each
 * listed file's size and SHA-256 (streamed, so clips are not loaded whole), then anything stored under the
 * package that the manifest does not list.
 */
public final class PackageVerifier {
    private final EvidenceStore store;
    private final ManifestSignatureVerifier keys;

    public PackageVerifier(EvidenceStore store, ManifestSignatureVerifier keys) {
        this.store = store;
        this.keys = keys;
    }

    /** {@code prefix}: the package prefix ("evidence/cam/2026/11/23/v1/"), its manifest key, or "" for a folder. */
    public VerificationReport verify(String prefix) {
        return verify(prefix, null);
    }

    /**
     * Checks the package and that it is filed where its signed manifest says it belongs: the manifest names the
     * violation (and camera), so a valid package copied under another case's key or folder is NOT OK.
     *
     * @param filedAs the violation id the package is filed under (a package folder's name); null = the last part
     *                of {@code prefix} (and the camera part of an {@code evidence/<camera>/...} key)
     */
    public VerificationReport verify(String prefix, String filedAs) {
        String p = PackageLayout.normalizePrefix(prefix);
        String location = p.isEmpty() ? store.describe() : p + " in " + store.describe();
        byte[] manifestBytes;
        Manifest manifest;
        try {
            manifestBytes = store.get(p + PackageLayout.MANIFEST);
            manifest = Manifest.parse(manifestBytes);
        } catch (EvidenceNotFoundException e) {
            List<String> present = store.list(p);
            String why = present.isEmpty() ? "no package here (nothing stored under this key)"
                    : "no manifest.json: the package is incomplete (" + present.size()
                    + " objects stored, writing never finished or the manifest was removed)";
            return new VerificationReport(location, SignatureStatus.MISSING, "", unexpected(present, p, Set.of()), why);
        } catch (IOException e) {
            return new VerificationReport(location, SignatureStatus.MISSING, "", List.of(),
                    "manifest.json is not a valid " + Manifest.FORMAT + " manifest: " + e.getMessage());
        }

        SignatureStatus sig;
        String sigDetail;
        try {
            ManifestSignature signature = SignatureFile.parse(store.get(p + PackageLayout.SIGNATURE));
            sig = keys.verify(manifestBytes, signature);
            sigDetail = signature.algorithm() + ", key " + signature.keyId()
                    + (sig == SignatureStatus.UNKNOWN_KEY ? "; trusted: " + keys.describe() : "");
        } catch (EvidenceNotFoundException e) {
            sig = SignatureStatus.MISSING;
            sigDetail = "no " + PackageLayout.SIGNATURE;
        } catch (IOException e) {
            sig = SignatureStatus.MALFORMED;
            sigDetail = e.getMessage().lines().findFirst().orElse("");
        }

        List<FileCheck> checks = new ArrayList<>();
        for (ManifestEntry entry : manifest.files()) {
            checks.add(check(p, entry));
        }
        Map<String, ManifestEntry> listed = manifest.byName();
        checks.addAll(unexpected(store.list(p), p, listed.keySet()));
        return new VerificationReport(location, sig, sigDetail, checks, misfiled(p, filedAs, manifest));
    }

    /** Why the package is not where its manifest says it belongs, or "" when it is (or nothing says where it is). */
    public static String misfiled(String prefix, String filedAs, Manifest manifest) {
        String[] parts = prefix.isEmpty() ? new String[0] : prefix.substring(0, prefix.length() - 1).split("/");
        String id = filedAs != null ? filedAs : parts.length > 0 ? parts[parts.length - 1] : null;
        List<String> wrong = new ArrayList<>();
        if (id != null && !id.equals(manifest.violationId())) {
            wrong.add("the signed manifest names violation " + manifest.violationId() + " but the package is filed"
                    + " as violation " + id);
        }
        if (filedAs == null && parts.length == 6 && (parts[0] + "/").equals(PackageLayout.ROOT)
                && !parts[1].equals(manifest.cameraId())) {
            wrong.add("the signed manifest names camera " + manifest.cameraId() + " but the package is filed under"
                    + " camera " + parts[1]);
        }
        return wrong.isEmpty() ? "" : String.join("; ", wrong) + ": it is another case's evidence (copied or moved"
                + " here), it does not prove this case";
    }

    private FileCheck check(String prefix, ManifestEntry entry) {
        String key;
        try {
            key = EvidenceKeys.requireValidKey(prefix + entry.name());
        } catch (IllegalArgumentException e) {
            // Only a hand-edited manifest can hold such a name (the writer refuses them).
            return new FileCheck(entry.name(), FileStatus.ALTERED, "manifest lists an invalid file name");
        }
        Sha256 actual;
        try (InputStream in = store.open(key)) {
            actual = Sha256.of(in);
        } catch (EvidenceNotFoundException e) {
            return new FileCheck(entry.name(), FileStatus.MISSING, "");
        } catch (IOException e) {
            // A dropped connection is not tampering: fail the whole check and let the operator run it again.
            throw new StoreUnavailableException("reading " + key + " from " + store.describe() + " broke off ("
                    + e.getMessage() + "); run the verification again", e);
        }
        if (actual.size() == entry.size() && actual.hex().equals(entry.sha256())) {
            return new FileCheck(entry.name(), FileStatus.OK, entry.size() + " bytes");
        }
        return new FileCheck(entry.name(), FileStatus.ALTERED, "expected " + entry.size() + " bytes sha256 "
                + entry.sha256().substring(0, 16) + "…, found " + actual.size() + " bytes sha256 "
                + actual.hex().substring(0, 16) + "…");
    }

    private static List<FileCheck> unexpected(List<String> keys, String prefix, Set<String> listed) {
        Set<String> extra = new TreeSet<>();
        for (String key : keys) {
            String name = key.substring(prefix.length());
            if (!listed.contains(name) && !name.equals(PackageLayout.MANIFEST) && !name.equals(PackageLayout.SIGNATURE)) {
                extra.add(name);
            }
        }
        return extra.stream().map(n -> new FileCheck(n, FileStatus.UNEXPECTED, "not in the manifest")).toList();
    }
}
