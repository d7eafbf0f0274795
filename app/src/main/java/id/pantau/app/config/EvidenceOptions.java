package id.pantau.app.config;

import id.pantau.core.config.Config;
import id.pantau.core.config.Option;
import id.pantau.storage.config.EvidenceStoreConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

import static id.pantau.app.config.NodeOptions.*;

/**
 * The node file's {@code evidence} section, declared in {@link NodeOptions} like every other option. Without the
 * section a node keeps its evidence in a folder under the data dir and creates its signing keys there at first
 * start; a section that is given must name its store and keys itself (an edge node's key pair is the one the back
 * office verifies with, so none is made up for it). The rules that join options (s3 needs a bucket, the key files
 * must exist) stay in {@link EvidenceStoreConfig#problems}.
 */
final class EvidenceOptions {
    private EvidenceOptions() {
    }

    /** True when the file has an evidence section (any of its keys). */
    static boolean given(Config c) {
        for (Option o : c.def().options()) {
            if (o.name().startsWith("evidence.") && c.given(o)) {
                return true;
            }
        }
        return false;
    }

    static Path dataDir(Config c, String sub) {
        Path d = c.path(DATA_DIR);
        return d == null ? null : d.resolve(sub);
    }

    /** The store settings the declared values describe. */
    static EvidenceStoreConfig build(Config c) {
        String endpoint = c.string(EVIDENCE_ENDPOINT);
        return new EvidenceStoreConfig(c.string(EVIDENCE_TYPE), c.path(EVIDENCE_DIR),
                endpoint == null ? null : uri(endpoint), c.string(EVIDENCE_BUCKET), c.string(EVIDENCE_ACCESS_KEY),
                c.string(EVIDENCE_SECRET_KEY), c.string(EVIDENCE_REGION), c.path(EVIDENCE_SPOOL_DIR),
                c.intValue(EVIDENCE_SPOOL_MIN_FREE_MB).longValue(), c.string(EVIDENCE_SIGNING),
                c.path(EVIDENCE_SIGNING_PRIVATE_KEY), c.path(EVIDENCE_SIGNING_PUBLIC_KEY), c.path(EVIDENCE_HMAC_KEY_FILE),
                c.intValue(EVIDENCE_RETENTION_DAYS), c.string(EVIDENCE_ZONE), c.intValue(EVIDENCE_TIMEOUT_SECONDS));
    }

    /** The evidence store reads the options it was given when it opens: counted as read then. */
    static void markRead() {
        for (Option o : DEF.options()) {
            if (o.name().startsWith("evidence.")) {
                o.markRead();
            }
        }
    }

    static URI uri(String s) {
        try {
            URI u = new URI(s);
            return u.getScheme() == null ? null : u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String zone(String z) {
        try {
            ZoneId.of(z);
            return null;
        } catch (DateTimeException e) {
            return "is not a time zone id (e.g. Asia/Jakarta)";
        }
    }
}
