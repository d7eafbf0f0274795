package id.pantau.enforcement.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * A stored evidence package, as the enriched violation event refers to it.
 *
 * @param key            the package prefix in the evidence store ({@code evidence/<camera>/<yyyy>/<MM>/<dd>/<id>/})
 * @param manifestSha256 SHA-256 of the exact bytes of its signed {@code manifest.json}
 * @param photos         the photo file names under {@code key}: stamped frames, then vehicle and plate crops
 * @param files          every file name of the package (as listed in the manifest)
 * @param alreadyStored  true when the package was already there (a retry): nothing was written
 * @param complete       true when every photo and crop shows its stated moment and the clip covers its window
 * @param problems       why the package is not complete (empty when it is)
 */
public record AssembledEvidence(String key, String manifestSha256, List<String> photos, List<String> files,
                                boolean alreadyStored, boolean complete, List<String> problems) {
    public AssembledEvidence {
        photos = List.copyOf(photos);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * The {@code evidence} block of the violation contract:
     * {@code {"key", "manifest_sha256", "photos", "complete", "problems"}}. The back office keeps a violation whose
     * evidence is not complete out of the normal review queue.
     */
    public ObjectNode toEventJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("key", key);
        n.put("manifest_sha256", manifestSha256);
        n.putArray("photos").addAll(photos.stream().map(p -> n.textNode(p)).toList());
        n.put("complete", complete);
        n.putArray("problems").addAll(problems.stream().map(p -> n.textNode(p)).toList());
        return n;
    }

    /** The evidence block of a violation for which no package could be made at all. */
    public static ObjectNode unavailable(String reason) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("complete", false);
        n.putArray("problems").add(reason);
        return n;
    }

    /**
     * The violation with this evidence attached, and the plate reading when the event has none yet. The event id
     * stays the same, so a consumer that already saw this violation recognises it.
     */
    public RedLightViolation applyTo(RedLightViolation v, Optional<PlateEvidence> plate) {
        var plateNode = v.plate();
        if (plateNode == null && plate.isPresent()) {
            ObjectNode p = Json.mapper().createObjectNode();
            p.put("text", plate.get().text());
            p.put("region", plate.get().region());
            p.put("score", plate.get().score());
            plateNode = p;
        }
        return new RedLightViolation(v.eventId(), v.camera(), v.approach(), v.trackId(), v.roadUserClass(), v.time(),
                v.signalState(), v.timeIntoRedS(), v.amberDurationS(), v.speedKmh(), v.frames(), v.configVersion(),
                v.location(), plateNode, toEventJson());
    }
}
