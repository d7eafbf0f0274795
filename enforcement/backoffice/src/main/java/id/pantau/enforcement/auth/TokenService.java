package id.pantau.enforcement.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque bearer tokens: 32 random bytes handed to the client once, stored only as their SHA-256, valid until
 * a fixed expiry. A lookup is one indexed query; logout or deactivating a user deletes the rows.
 */
public final class TokenService {
    private final Database db;
    private final UserService users;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(Database db, UserService users, Duration ttl, Clock clock) {
        this.db = db;
        this.users = users;
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Login(String token, @JsonProperty("expires_at") Instant expiresAt, User user) {
    }

    public Login login(String username, String password) {
        User u = users.authenticate(username == null ? "" : username, password == null ? "" : password)
                .orElseThrow(() -> EnforcementException.unauthenticated("wrong username or password, or the account is disabled"));
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = clock.instant().plus(ttl);
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
                Sql.setInstant(del, 1, clock.instant());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setLong(2, u.id());
                Sql.setInstant(ps, 3, expires);
                ps.executeUpdate();
            }
            return null;
        });
        return new Login(token, expires, u);
    }

    /** The user a bearer token belongs to; 401 when unknown or expired. */
    public User authenticate(String token) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
                    + " WHERE s.token_hash = ?")) {
                ps.setString(1, sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw EnforcementException.unauthenticated("unknown token: log in again at POST /api/auth/login");
                    }
                    if (!Sql.instant(rs, "expires_at").isAfter(clock.instant())) {
                        throw EnforcementException.unauthenticated("token expired: log in again at POST /api/auth/login");
                    }
                    User u = UserService.map(rs);
                    if (!u.active()) {
                        throw EnforcementException.unauthenticated("account is disabled");
                    }
                    return u;
                }
            }
        });
    }

    public void logout(String token) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                ps.setString(1, sha256(token));
                return ps.executeUpdate();
            }
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
