package id.pantau.app.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.json.Json;
import id.pantau.enforcement.auth.Role;

/**
 * The JSON of an event as a given role may see it. Plates are personal data under the ETLE process: only police
 * see them, so the plate reading is removed from violation events for everyone else (the rest of the event,
 * time, camera and approach, is what Dishub and operators need to watch the junction).
 */
final class EventRedaction {
    private static final EventCodec CODEC = new EventCodec();
    private EventRedaction() {
    }

    static boolean mayBeRedacted(PipelineEvent e) {
        return e instanceof RedLightViolation v && v.plate() != null;
    }

    static ObjectNode view(ObjectNode full, PipelineEvent e, Role role) {
        if (role == Role.POLICE || !mayBeRedacted(e)) {
            return full;
        }
        ObjectNode copy = full.deepCopy();
        copy.remove("plate");
        return copy;
    }

    /** The bus encoding (with its {@code type} field) as a tree, so fields can be removed per role. */
    static ObjectNode encode(PipelineEvent e) {
        try {
            return (ObjectNode) Json.mapper().readTree(CODEC.encode(e));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException("event " + e.eventId() + " could not be re-read", ex);
        }
    }
}
