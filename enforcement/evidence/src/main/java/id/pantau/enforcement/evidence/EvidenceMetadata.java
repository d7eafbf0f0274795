package id.pantau.enforcement.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.asset.ModelSpec;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import id.pantau.core.perception.BoundingBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@code metadata.json} of a package: everything the violation event carried, the plate reading, which frame each
 * photo and crop came from, how the clip was encoded, and the models (name + sha256) the findings rest on.
 *
 * <p>It holds no time of writing, so the same violation always gives the same bytes (idempotent rewrites).
 */
final class EvidenceMetadata {
    static final String FORMAT = "pantau-evidence-metadata/2";
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final EventCodec CODEC = new EventCodec();

    private EvidenceMetadata() {
    }

    /**
     * One of the three photos: the frame that shows its stated moment, or (frame null) why there is none.
     *
     * @param box the vehicle box drawn on it, or null
     */
    record Photo(FrameRole role, ClipFrame frame, java.time.Instant stated, BoundingBox box, String missingReason) {
        static Photo of(FrameRole role, ClipFrame frame, java.time.Instant stated, BoundingBox box) {
            return new Photo(role, frame, stated, box, null);
        }

        static Photo missing(FrameRole role, java.time.Instant stated, String reason) {
            return new Photo(role, null, stated, null, reason);
        }
    }

    record Crop(String file, long frameSequence, BoundingBox box) {
    }

    static byte[] toJson(RedLightViolation violation, List<Photo> photos, List<Crop> crops,
                         Optional<PlateEvidence> plate, BoundingBox vehicleBox, ClipEncoder.ClipInfo clip,
                         java.time.Duration clipBefore, java.time.Duration clipAfter, List<ModelSpec> models,
                         List<String> problems, ZoneId zone) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        // complete: every photo and crop shows its stated moment and the clip covers the whole window
        root.put("complete", problems.isEmpty());
        root.putArray("problems").addAll(problems.stream().map(p -> (JsonNode) root.textNode(p)).toList());
        root.set("data", data(violation, zone));
        root.set("violation", eventTree(violation));
        root.set("plate", plate.map(EvidenceMetadata::plate).orElse(null));
        ObjectNode vehicle = root.putObject("vehicle");
        vehicle.put("class", violation.roadUserClass());
        vehicle.put("track_id", violation.trackId());
        vehicle.set("box_at_crossing", box(vehicleBox));
        ArrayNode frames = root.putArray("photos");
        for (Photo p : photos) {
            ObjectNode f = frames.addObject();
            f.put("role", p.role().name().toLowerCase(java.util.Locale.ROOT));
            f.put("stated_at", p.stated().atZone(zone).toOffsetDateTime().toString());
            if (p.frame() == null) {
                f.putNull("file");
                f.put("missing", true);
                f.put("reason", p.missingReason());
                continue;
            }
            f.put("file", p.role().fileName());
            f.put("missing", false);
            f.put("frame", p.frame().sequence());
            f.put("captured_at", p.frame().time().atZone(zone).toOffsetDateTime().toString());
            f.put("offset_ms", java.time.Duration.between(p.stated(), p.frame().time()).toNanos() / 1e6);
            if (p.box() != null) {
                f.set("vehicle_box_drawn", box(p.box()));
            } else {
                f.putNull("vehicle_box_drawn");
            }
            f.put("stamp", String.join(" / ", BannerText.lines(violation, p.role(), p.frame(), zone)));
        }
        ArrayNode cropNodes = root.putArray("crops");
        for (Crop c : crops) {
            ObjectNode n = cropNodes.addObject();
            n.put("file", c.file());
            n.put("frame", c.frameSequence());
            n.set("box", box(c.box()));
        }
        ObjectNode clipNode = root.putObject("clip");
        clipNode.put("file", EvidenceAssembler.CLIP);
        clipNode.put("container", "mp4");
        clipNode.put("codec", clip.codec());
        clipNode.put("encoder", clip.encoder());
        clipNode.put("width", clip.width());
        clipNode.put("height", clip.height());
        clipNode.put("fps", clip.fps());
        clipNode.put("frames", clip.frames());
        clipNode.put("first_frame", clip.firstSequence());
        clipNode.put("last_frame", clip.lastSequence());
        clipNode.put("duration_s", clip.span().toMillis() / 1000.0);
        clipNode.put("before_crossing_s", clipBefore.toMillis() / 1000.0);
        clipNode.put("after_crossing_s", clipAfter.toMillis() / 1000.0);
        ArrayNode modelNodes = root.putArray("models");
        for (ModelSpec m : models) {
            ObjectNode n = modelNodes.addObject();
            n.put("name", m.name());
            n.put("file", m.file());
            n.put("sha256", m.sha256());
            n.put("licence", m.licence());
        }
        root.put("zone", zone.getId());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata of " + violation.eventId() + " not serializable: " + e, e);
        }
    }

    /**
     * The data block a reviewer (and a court) reads first, every field always present (null when the analytics
     * did not know it): when, where, which approach and camera, the signal, the vehicle, and the configuration.
     */
    private static ObjectNode data(RedLightViolation v, ZoneId zone) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("violation_id", EvidenceAssembler.violationId(v));
        d.put("event_id", v.eventId());
        d.put("time", v.time().toInstant().toString());
        d.put("time_local", v.time().toInstant().atZone(zone).toOffsetDateTime().toString());
        d.put("location", v.location());
        d.put("approach", v.approach());
        d.put("camera", v.camera());
        d.put("signal_state", v.signalState() == null ? null : v.signalState().name().toLowerCase(java.util.Locale.ROOT));
        d.put("time_into_red_s", v.timeIntoRedS());
        d.put("amber_duration_s", v.amberDurationS());
        d.put("speed_kmh", v.speedKmh());
        d.put("vehicle_class", v.roadUserClass());
        d.put("track_id", v.trackId());
        d.put("config_version", v.configVersion());
        return d;
    }

    /** The event exactly as it is encoded on the bus (contract field names), without a previous evidence block. */
    private static JsonNode eventTree(RedLightViolation v) {
        try {
            ObjectNode n = (ObjectNode) MAPPER.readTree(CODEC.encode(v));
            n.remove("evidence");
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode plate(PlateEvidence p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("text", p.text());
        n.put("region", p.region());
        n.put("score", p.score());
        n.put("frame", p.frameSequence());
        n.set("box", box(p.box()));
        return n;
    }

    private static JsonNode box(BoundingBox b) {
        ObjectNode n = MAPPER.createObjectNode(); // fixed field order: the bytes must not vary between runs
        n.put("x1", b.x1());
        n.put("y1", b.y1());
        n.put("x2", b.x2());
        n.put("y2", b.y2());
        return n;
    }
}
