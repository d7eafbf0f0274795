package id.pantau.enforcement.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the audit chain had {@code seq} entries and its head hash was {@code headHash} at {@code at}",
 * written outside the database (the evidence store). Someone who can write the database can rewrite rows and
 * recompute the SHA-256 chain, but cannot forge this signature without the node's signing key, so a rewritten
 * chain no longer matches the heads the node signed earlier.
 *
 * @param algorithm the signature algorithm (Ed25519 on a node with the default evidence key)
 * @param keyId     fingerprint of the signing key, so a verifier holding another key says so plainly
 * @param signature base64 signature over {@link #signedBytes()}
 */
public record Checkpoint(long seq, @JsonProperty("head_hash") String headHash, Instant at, String algorithm,
                         @JsonProperty("key_id") String keyId, String signature) {

    /** What is signed: a fixed label and the three facts, one per line, so no field can be shifted into another. */
    public byte[] signedBytes() {
        return signedBytes(seq, headHash, at);
    }

    static byte[] signedBytes(long seq, String headHash, Instant at) {
        return ("pantau-audit-checkpoint/v1\n" + seq + "\n" + headHash + "\n" + at + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The object key under which the checkpoint is stored; zero-padded so a listing sorts by sequence. */
    public String key() {
        return keyFor(seq);
    }

    public static String keyFor(long seq) {
        return String.format("audit/checkpoints/%012d.json", seq);
    }
}
