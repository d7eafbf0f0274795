package id.pantau.storage.evidence;

import id.pantau.core.json.Json;
import id.pantau.storage.signing.ManifestSignature;
import java.io.IOException;

/** Reads and writes {@code manifest.json.sig} (a small JSON object: algorithm, keyId, signature). */
public final class SignatureFile {
    private SignatureFile() {
    }

    public static byte[] toJson(ManifestSignature sig) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(sig);
        } catch (IOException e) {
            throw new IllegalStateException("signature not serializable: " + e, e);
        }
    }

    public static ManifestSignature parse(byte[] json) throws IOException {
        return Json.mapper().readValue(json, ManifestSignature.class);
    }
}
