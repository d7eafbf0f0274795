package id.pantau.storage.evidence;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Where a package lives: {@code evidence/<camera>/<yyyy>/<MM>/<dd>/<violationId>/}, the date taken in the
 * site's time zone (Asia/Jakarta for Kota Jambi) so operators find a violation under the day they saw it.
 * The layout depends only on the package identity, which is what makes rewrites idempotent.
 */
public final class PackageLayout {
    public static final String ROOT = "evidence/";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.sig";
    /** The package's video: written by the edge's evidence stage, played in the back office's case view. */
    public static final String CLIP = "clip.mp4";
    static final Set<String> RESERVED = Set.of(MANIFEST, SIGNATURE);

    private final ZoneId zone;

    public PackageLayout(ZoneId zone) {
        this.zone = zone;
    }

    public String prefixOf(EvidencePackage pkg) {
        ZonedDateTime t = pkg.occurredAt().atZone(zone);
        return "%s%s/%04d/%02d/%02d/%s/".formatted(ROOT, pkg.camera().value(), t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), pkg.violationId());
    }

    /** Accepts a package prefix, a prefix without the trailing '/', or the key of its manifest. */
    public static String normalizePrefix(String keyOrPrefix) {
        String k = keyOrPrefix.strip();
        if (k.endsWith("/" + MANIFEST)) {
            k = k.substring(0, k.length() - MANIFEST.length());
        }
        return k.isEmpty() || k.endsWith("/") ? k : k + "/";
    }
}
