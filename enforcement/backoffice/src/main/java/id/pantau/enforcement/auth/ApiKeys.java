package id.pantau.enforcement.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.DatabaseException;
import id.pantau.enforcement.db.Sql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys of integration accounts (SiKesal): an admin creates one, rotates it (a new secret under the same name;
 * the old secret stops working at once) and revokes it. Like login tokens, a key is 32 random bytes shown once and
 * stored only as its SHA-256; it signs in as a user with the role {@link Role#INTEGRATION}. Every change is audited.
 */
public final class ApiKeys {
    /** Every key starts with this, so a bearer credential is told apart from a login token without a lookup. */
    public static final String PREFIX = "pk_";

    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Database db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** A key as admins see it: never the secret, only its first characters to tell keys apart. */
    public record Key(long id, String name, @JsonProperty("key_prefix") String keyPrefix,
                      @JsonProperty("created_at") Instant createdAt, @JsonProperty("created_by") String createdBy,
                      @JsonProperty("rotated_at") Instant rotatedAt, @JsonProperty("revoked_at") Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }

        Map<String, Object> auditView() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("key_prefix", keyPrefix);
            m.put("revoked", revokedAt != null);
            return m;
        }
    }

    /** A new or rotated key with its secret, which is shown this once and never again. */
    public record Issued(Key key, String secret) {
    }

    public Issued create(String actor, String name) {
        if (name == null || !name.matches("[a-z0-9._-]{3,48}")) {
            throw EnforcementException.invalidField("name", "name must be 3-48 lower-case letters, digits, '.', '_' or '-'"
                    + ", e.g. sikesal; was '" + name + "'");
        }
        String secret = newSecret();
        try {
            return db.inTransaction(c -> {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (name, key_hash, key_prefix, created_at,"
                        + " created_by) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, name);
                    ps.setString(2, TokenService.sha256(secret));
                    ps.setString(3, shown(secret));
                    Sql.setInstant(ps, 4, clock.instant());
                    ps.setString(5, actor);
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                }
                Key key = find(c, id);
                audit.append(c, actor, "api_key.create", "api_key", Long.toString(id), null, key.auditView());
                return new Issued(key, secret);
            });
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw EnforcementException.conflict("an API key named '" + name + "' exists; rotate it instead");
            }
            throw e;
        }
    }

    /** A new secret for the key; the previous one is refused from now on. A revoked key cannot be rotated back. */
    public Issued rotate(String actor, long id) {
        String secret = newSecret();
        return db.inTransaction(c -> {
            Key before = find(c, id);
            if (!before.active()) {
                throw EnforcementException.conflict("API key '" + before.name() + "' is revoked; create a new one");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET key_hash = ?, key_prefix = ?, rotated_at = ?"
                    + " WHERE id = ?")) {
                ps.setString(1, TokenService.sha256(secret));
                ps.setString(2, shown(secret));
                Sql.setInstant(ps, 3, clock.instant());
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            Key after = find(c, id);
            audit.append(c, actor, "api_key.rotate", "api_key", Long.toString(id), before.auditView(), after.auditView());
            return new Issued(after, secret);
        });
    }

    public Key revoke(String actor, long id) {
        return db.inTransaction(c -> {
            Key before = find(c, id);
            if (!before.active()) {
                return before;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ?")) {
                Sql.setInstant(ps, 1, clock.instant());
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            Key after = find(c, id);
            audit.append(c, actor, "api_key.revoke", "api_key", Long.toString(id), before.auditView(), after.auditView());
            return after;
        });
    }

    public List<Key> list() {
        return db.inTransaction(c -> {
            List<Key> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    /**
     * The integration user a key signs in as: its name is {@code integration:<key name>}, which is what the audit
     * trail records as the actor. 401 for an unknown, rotated-out or revoked key.
     */
    public User authenticate(String secret) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys WHERE key_hash = ?")) {
                ps.setString(1, TokenService.sha256(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw EnforcementException.unauthenticated("unknown API key (rotated or never issued)");
                    }
                    Key k = map(rs);
                    if (!k.active()) {
                        throw EnforcementException.unauthenticated("API key '" + k.name() + "' is revoked");
                    }
                    // a negative id: no users row stands behind a key, and no user id can collide with it
                    return new User(-k.id(), "integration:" + k.name(), Role.INTEGRATION, false, true);
                }
            }
        });
    }

    private Key find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_keys WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EnforcementException.notFound("no API key with id " + id);
                }
                return map(rs);
            }
        }
    }

    private static Key map(ResultSet rs) throws SQLException {
        return new Key(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"), Sql.instant(rs, "created_at"),
                rs.getString("created_by"), Sql.instant(rs, "rotated_at"), Sql.instant(rs, "revoked_at"));
    }

    private String newSecret() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String shown(String secret) {
        return secret.substring(0, PREFIX.length() + 6);
    }
}
