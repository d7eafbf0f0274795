package id.pantau.enforcement.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import id.pantau.enforcement.db.Database;
import id.pantau.storage.signing.ManifestSignature;
import id.pantau.storage.signing.ManifestSignatureVerifier;
import id.pantau.storage.signing.ManifestSigner;
import id.pantau.storage.signing.SignatureStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anchors the audit chain outside the database: {@link #checkpoint} signs the current chain head (sequence and hash)
 * with the node's evidence key and writes it to an {@link AuditAnchor}; the back office does so every
 * {@link #interval()} and after every ticket. {@link #check} compares the chain in the database against every
 * stored checkpoint: a row rewritten with a recomputed chain (which passes the SHA-256 check alone) no longer
 * matches the head the node signed, and a removed tail is shorter than a signed sequence.
 */
public final class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final AuditAnchor anchor;
    private final ManifestSigner signer;
    private final ManifestSignatureVerifier verifier;
    private final Duration interval;
    private final Clock clock;
    private long lastWrittenSeq = -1;

    public AuditCheckpoints(AuditAnchor anchor, ManifestSigner signer, ManifestSignatureVerifier verifier,
                            Duration interval, Clock clock) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint interval must be a positive duration, was " + interval);
        }
        this.anchor = anchor;
        this.signer = signer;
        this.verifier = verifier;
        this.interval = interval;
        this.clock = clock;
    }

    /** No anchoring (a bare test rig): nothing is written and verification says the chain is not anchored. */
    public static AuditCheckpoints none() {
        return new AuditCheckpoints(null, null, null, Duration.ofDays(1), Clock.systemUTC());
    }

    public boolean enabled() {
        return anchor != null;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Signs and stores the current chain head, unless it was already checkpointed; returns the new checkpoint or
     * null. Safe to call from several threads (one checkpoint at a time).
     */
    public synchronized Checkpoint checkpoint(Database db) {
        if (!enabled()) {
            return null;
        }
        Object[] head = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Object[]{rs.getLong(1), rs.getString(2)};
            }
        });
        long seq = (Long) head[0];
        String hash = (String) head[1];
        if (seq == 0 || seq == lastWrittenSeq) {
            return null;
        }
        if (lastWrittenSeq < 0 && anchor.exists(seq)) {
            // a restart with no entry since the last checkpoint: the store is write-once, keep the one there
            lastWrittenSeq = seq;
            return null;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ManifestSignature sig = signer.sign(Checkpoint.signedBytes(seq, hash, at));
        Checkpoint cp = new Checkpoint(seq, hash, at, sig.algorithm(), sig.keyId(), sig.signature());
        anchor.write(cp);
        lastWrittenSeq = seq;
        log.debug("audit checkpoint {} written to {}", seq, anchor.describe());
        return cp;
    }

    /** Like {@link #checkpoint} but never throws: a failed write is logged and the next one catches up. */
    public Checkpoint checkpointQuietly(Database db) {
        try {
            return checkpoint(db);
        } catch (RuntimeException e) {
            log.warn("audit checkpoint could not be written to {}: {}", enabled() ? anchor.describe() : "-", e.getMessage());
            return null;
        }
    }

    /** What verification says about the checkpoints, beside the chain's own check. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(boolean anchored, String store, int checked,
                          @JsonProperty("latest_seq") Long latestSeq, @JsonProperty("latest_at") Instant latestAt,
                          @JsonProperty("key_id") String keyId,
                          @JsonProperty("entries_after_latest") Long entriesAfterLatest) {
    }

    /** Which checkpoint sequences {@link #check} needs the chain's hashes of. */
    List<AuditAnchor.Stored> stored() {
        return enabled() ? anchor.read() : List.of();
    }

    /**
     * Checks the stored checkpoints against the chain as it is in the database.
     *
     * @param hashes     the hash of each entry at a checkpoint's sequence (absent when the row is gone)
     * @param chainEnd   the highest sequence in the table
     * @param breaks     receives a break per checkpoint that does not hold, naming it
     */
    Summary check(List<AuditAnchor.Stored> stored, Map<Long, String> hashes, long chainEnd,
                  List<AuditVerification.Break> breaks) {
        if (!enabled()) {
            return new Summary(false, null, 0, null, null, null, null);
        }
        Checkpoint latest = null;
        long lastGoodSeq = 0;
        int checked = 0;
        List<AuditVerification.Break> found = new ArrayList<>();
        for (AuditAnchor.Stored s : stored) {
            if (s instanceof AuditAnchor.Unreadable u) {
                found.add(new AuditVerification.Break(0, "checkpoint " + u.key() + " " + u.problem()));
                continue;
            }
            Checkpoint cp = ((AuditAnchor.Readable) s).checkpoint();
            checked++;
            SignatureStatus status = verifier.verify(cp.signedBytes(),
                    new ManifestSignature(cp.algorithm(), cp.keyId(), cp.signature()));
            if (status != SignatureStatus.VALID) {
                found.add(new AuditVerification.Break(cp.seq(), "checkpoint " + s.key() + " has no valid signature ("
                        + status.name().toLowerCase(java.util.Locale.ROOT) + "; this node trusts " + verifier.describe() + ")"));
                continue;
            }
            if (!s.key().equals(cp.key())) {
                found.add(new AuditVerification.Break(cp.seq(), "checkpoint " + s.key() + " is stored under the wrong name"));
                continue;
            }
            if (cp.seq() > chainEnd) {
                found.add(new AuditVerification.Break(cp.seq(), "signed checkpoint " + cp.key() + " (" + cp.at()
                        + ") recorded " + cp.seq() + " entries but the table ends at " + chainEnd
                        + ": the latest entries were removed"));
            } else if (!cp.headHash().equals(hashes.get(cp.seq()))) {
                found.add(new AuditVerification.Break(cp.seq(), "entry " + cp.seq() + " does not match signed checkpoint "
                        + cp.key() + " (" + cp.at() + "): the chain was rewritten at or before entry " + cp.seq()
                        + (lastGoodSeq > 0 ? ", after entry " + lastGoodSeq + " (the last checkpoint that still matches)" : "")));
            } else {
                lastGoodSeq = Math.max(lastGoodSeq, cp.seq());
            }
            if (latest == null || cp.seq() > latest.seq()) {
                latest = cp;
            }
        }
        breaks.addAll(found);
        return new Summary(true, anchor.describe(), checked, latest == null ? null : latest.seq(),
                latest == null ? null : latest.at(), latest == null ? null : latest.keyId(),
                latest == null ? chainEnd : Math.max(0, chainEnd - latest.seq()));
    }
}
