package id.pantau.enforcement.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import id.pantau.storage.EvidenceStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoints as JSON objects under {@code audit/checkpoints/} of an evidence store (local folder or S3). */
public final class StoreAuditAnchor implements AuditAnchor {
    static final String PREFIX = "audit/checkpoints/";

    private final EvidenceStore store;

    public StoreAuditAnchor(EvidenceStore store) {
        this.store = store;
    }

    @Override
    public void write(Checkpoint checkpoint) {
        try {
            store.put(checkpoint.key(), Json.mapper().writeValueAsBytes(checkpoint), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint could not be encoded", e);
        }
    }

    @Override
    public List<Stored> read() {
        List<Stored> out = new ArrayList<>();
        for (String key : store.list(PREFIX)) {
            if (!key.endsWith(".json")) {
                continue;
            }
            try {
                Checkpoint cp = Json.mapper().readValue(store.get(key), Checkpoint.class);
                out.add(cp == null || cp.headHash() == null || cp.at() == null || cp.signature() == null
                        ? new Unreadable(key, "is not a complete checkpoint") : new Readable(key, cp));
            } catch (IOException | RuntimeException e) {
                out.add(new Unreadable(key, "cannot be read as a checkpoint"));
            }
        }
        return out;
    }

    @Override
    public boolean exists(long seq) {
        return store.exists(Checkpoint.keyFor(seq));
    }

    @Override
    public String describe() {
        return store.describe() + " (" + PREFIX + ")";
    }
}
