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
 */
public record AssembledEvidence(String key, String manifestSha256, List<String> photos, List<String> files,
                                boolean alreadyStored) {
    public AssembledEvidence {
        photos = List.copyOf(photos);
        files = List.copyOf(files);
    }

    /** The {@code evidence} block of the violation contract: {@code {"key", "manifest_sha256", "photos"}}. */
    public ObjectNode toEventJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("key", key);
        n.put("manifest_sha256", manifestSha256);
        n.putArray("photos").addAll(photos.stream().map(p -> n.textNode(p)).toList());
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
