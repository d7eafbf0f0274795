package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two versions of a camera configuration, as the editor's version list shows it: one row per
 * changed value with its JSON path, the old and the new value. A point ([x, y]) or any list of plain numbers is
 * one value, so a moved corner reads {@code zones[bus_bay].polygon[2]: [120, 40] → [130, 44]}; list items that
 * all carry an id (zones, lines, lanes, approaches) are matched by id, so deleting the first zone is one removed
 * zone and not every later zone "changed".
 */
final class ConfigDiff {
    /** One changed value; {@code old} or {@code now} is null when the value was added or removed. */
    record Change(String path, JsonNode old, JsonNode now) {
    }

    private ConfigDiff() {
    }

    static List<Change> between(JsonNode from, JsonNode to) {
        List<Change> out = new ArrayList<>();
        walk("", from, to, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        a = a == null || a.isMissingNode() ? null : a;
        b = b == null || b.isMissingNode() ? null : b;
        if (a == null && b == null) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (path.isEmpty() && k.equals("version")) {
                    continue;   // the version number differs by definition
                }
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && !numbers(a) && !numbers(b)) {
            if (identified(a) && identified(b)) {
                Map<String, JsonNode> left = byId(a);
                Map<String, JsonNode> right = byId(b);
                Set<String> ids = new LinkedHashSet<>(left.keySet());
                ids.addAll(right.keySet());
                for (String id : ids) {
                    walk(path + "[" + id + "]", left.get(id), right.get(id), out);
                }
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    walk(path + "[" + i + "]", a.get(i), b.get(i), out);
                }
            }
            return;
        }
        if (a == null || b == null || !a.equals(b)) {
            out.add(new Change(path, a == null ? null : a, b == null ? null : b));
        }
    }

    private static boolean numbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return array.size() > 0;
    }

    private static boolean identified(JsonNode array) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode n : array) {
            if (!n.isObject() || !n.path("id").isTextual() || !seen.add(n.get("id").asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byId(JsonNode array) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            m.put(n.get("id").asText(), n);
        }
        return m;
    }

    /** A change as the API sends it: {@code {path, old, new}}, a missing side as JSON null. */
    static Map<String, Object> wire(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", c.path());
        m.put("old", c.old() == null ? NullNode.getInstance() : c.old());
        m.put("new", c.now() == null ? NullNode.getInstance() : c.now());
        return m;
    }
}
