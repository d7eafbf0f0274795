package id.pantau.enforcement.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.json.Json;
import id.pantau.enforcement.audit.AuditEntry;

import java.util.Iterator;
import java.util.Map;

/**
 * Police alone see plates: audit entries shown to admins have every plate field masked. The stored entry (and
 * so its hash) is untouched; only the HTTP view changes.
 */
final class PlateRedaction {
    static final String MASK = "***";

    private PlateRedaction() {
    }

    static AuditEntry redact(AuditEntry e) {
        return new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.entity(), e.entityId(), mask(e.beforeJson()),
                mask(e.afterJson()), e.prevHash(), e.hash());
    }

    private static String mask(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(json);
            maskIn(n);
            return Json.mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return MASK; // not JSON we wrote; show nothing rather than risk a plate
        }
    }

    private static void maskIn(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().startsWith("plate") && !f.getValue().isNull() && !f.getKey().equals("plate_score")) {
                    f.setValue(o.textNode(MASK));
                } else {
                    maskIn(f.getValue());
                }
            }
        } else if (n != null && n.isArray()) {
            n.forEach(PlateRedaction::maskIn);
        }
    }
}
