package id.pantau.enforcement.stored;

import id.pantau.storage.evidence.Manifest;
import id.pantau.storage.evidence.ManifestEntry;
import id.pantau.storage.evidence.PackageLayout;
import id.pantau.storage.evidence.Sha256;
import id.pantau.storage.evidence.SignatureFile;
import id.pantau.storage.signing.ManifestSignature;
import id.pantau.storage.signing.ManifestSignatureVerifier;
import id.pantau.storage.signing.SignatureStatus;
import id.pantau.storage.verify.PackageVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Reads an evidence file only when it is what the package's signed manifest says: the manifest's signature is
 * VALID under the node's key, the manifest names the violation the package is filed under, it lists the file, and
 * the file's size and SHA-256 match. Anything else is an {@link EvidenceIntegrityException}; the file's bytes are
 * never handed out then.
 */
public final class VerifiedEvidence {
    private final EvidenceReader reader;
    private final ManifestSignatureVerifier keys;

    public VerifiedEvidence(EvidenceReader reader, ManifestSignatureVerifier keys) {
        this.reader = reader;
        this.keys = keys;
    }

    /** A verifier that trusts no key: every read fails its integrity check (a back office wired without keys). */
    public static ManifestSignatureVerifier noKey() {
        return new ManifestSignatureVerifier() {
            @Override
            public SignatureStatus verify(byte[] manifest, ManifestSignature signature) {
                return SignatureStatus.UNKNOWN_KEY;
            }

            @Override
            public String describe() {
                return "no evidence verification key configured";
            }
        };
    }

    /**
     * The same check behind the {@link EvidenceReader} interface, for readers given a whole key (the letter): an
     * integrity failure is logged and becomes an {@link IOException}, so the reader treats it as unreadable.
     */
    public EvidenceReader asReader() {
        return key -> {
            int slash = key.lastIndexOf('/');
            try {
                return read(slash < 0 ? "" : key.substring(0, slash + 1), key.substring(slash + 1));
            } catch (EvidenceIntegrityException e) {
                org.slf4j.LoggerFactory.getLogger(VerifiedEvidence.class).error("EVIDENCE INTEGRITY: {} refused: {}",
                        key, e.getMessage());
                throw new IOException("evidence " + key + " failed its integrity check: " + e.getMessage(), e);
            }
        };
    }

    /**
     * The bytes of {@code name} in the package at {@code evidenceKey}, verified.
     *
     * @throws NoSuchFileException        the file is not stored (nothing to verify: not tampering)
     * @throws EvidenceIntegrityException the file or its manifest fails verification
     */
    public byte[] read(String evidenceKey, String name) throws IOException {
        String prefix = PackageLayout.normalizePrefix(evidenceKey == null ? "" : evidenceKey);
        String key = prefix + name;
        byte[] manifestBytes;
        try {
            manifestBytes = reader.read(prefix + PackageLayout.MANIFEST);
        } catch (NoSuchFileException e) {
            throw new EvidenceIntegrityException(key, "the package has no signed manifest ("
                    + PackageLayout.MANIFEST + " missing), so nothing proves this file is the evidence");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
        } catch (IOException e) {
            throw new EvidenceIntegrityException(key, "the package's manifest is unreadable: " + e.getMessage());
        }
        SignatureStatus status;
        String detail;
        try {
            ManifestSignature sig = SignatureFile.parse(reader.read(prefix + PackageLayout.SIGNATURE));
            status = keys.verify(manifestBytes, sig);
            detail = sig.algorithm() + ", key " + sig.keyId() + "; trusted: " + keys.describe();
        } catch (NoSuchFileException e) {
            status = SignatureStatus.MISSING;
            detail = "no " + PackageLayout.SIGNATURE;
        } catch (IOException e) {
            status = SignatureStatus.MALFORMED;
            detail = e.getMessage();
        }
        if (status != SignatureStatus.VALID) {
            throw new EvidenceIntegrityException(key, "the package's manifest signature is " + status + " (" + detail
                    + ")");
        }
        String misfiled = PackageVerifier.misfiled(prefix, null, manifest);
        if (!misfiled.isEmpty()) {
            throw new EvidenceIntegrityException(key, misfiled);
        }
        ManifestEntry entry = manifest.byName().get(name);
        if (entry == null) {
            throw new EvidenceIntegrityException(key, "'" + name + "' is not listed in the package's signed manifest");
        }
        byte[] bytes = reader.read(key);
        Sha256 actual = Sha256.of(new ByteArrayInputStream(bytes));
        if (actual.size() != entry.size() || !actual.hex().equals(entry.sha256())) {
            throw new EvidenceIntegrityException(key, "'" + name + "' does not match the signed manifest: expected "
                    + entry.size() + " bytes with sha256 " + entry.sha256() + ", found " + actual.size()
                    + " bytes with sha256 " + actual.hex() + " (altered after it was stored)");
        }
        return bytes;
    }
}
