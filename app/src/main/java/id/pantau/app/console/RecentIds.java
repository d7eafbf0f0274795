package id.pantau.app.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few event ids seen, so that a record the bus delivers twice (it is at-least-once) is counted once.
 * Bounded: a redelivery comes soon after the first delivery, so the oldest ids are forgotten first.
 */
final class RecentIds {
    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered (while it is remembered), false for a repeat. */
    synchronized boolean first(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
