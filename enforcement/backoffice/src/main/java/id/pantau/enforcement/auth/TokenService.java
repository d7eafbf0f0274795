package id.pantau.enforcement.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
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
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final ApiKeys apiKeys;

    public TokenService(Database db, UserService users, Duration ttl, Clock clock, AuditTrail audit, LoginThrottle throttle,
                        ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
        this.db = db;
        this.users = users;
        this.ttl = ttl;
        this.clock = clock;
        this.audit = audit;
        this.throttle = throttle;
    }

    public record Login(String token, @JsonProperty("expires_at") Instant expiresAt, User user) {
    }

    /**
     * Signs a user in. Throttled per user name and per {@code address} before any bcrypt work (429 with the time to
     * wait); each success and each checked failure is an audit entry (a refused, throttled attempt is not, so a
     * flood cannot flood the trail).
     */
    public Login login(String username, String password, String address) {
        String name = username == null ? "" : username;
        String from = address == null ? "unknown" : address;
        java.util.Optional<LoginThrottle.Refusal> refused = throttle.admit(name, from);
        if (refused.isPresent()) {
            long s = Math.max(1, (refused.get().retryAfter().toMillis() + 999) / 1000);
            throw EnforcementException.throttled(refused.get().reason() + "; try again in " + s + " s", s);
        }
        LoginThrottle.Attempt attempt = throttle.attempt(name, from);
        User u;
        try {
            u = users.authenticate(name, password == null ? "" : password).orElse(null);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (u == null) {
            attempt.failed();
            String actor = name.matches("[a-z0-9._-]{1,64}") ? name : "(not a user name)";
            db.inTransaction(c -> audit.append(c, actor, "auth.login_failed", "user", actor, null,
                    java.util.Map.of("address", from)));
            throw EnforcementException.unauthenticated("wrong username or password, or the account is disabled");
        }
        attempt.succeeded();
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
            audit.append(c, u.username(), "auth.login", "user", Long.toString(u.id()), null, java.util.Map.of("address", from));
            return null;
        });
        return new Login(token, expires, u);
    }

    /**
     * Changes the signed-in user's password (see {@link UserService#changePassword}); the check of the current
     * password is throttled like a sign-in, so a stolen token cannot be used to guess the password at bcrypt speed.
     */
    public void changePassword(User user, String currentPassword, String newPassword, String keepToken, String address) {
        String from = address == null ? "unknown" : address;
        java.util.Optional<LoginThrottle.Refusal> refused = throttle.admit(user.username(), from);
        if (refused.isPresent()) {
            long s = Math.max(1, (refused.get().retryAfter().toMillis() + 999) / 1000);
            throw EnforcementException.throttled(refused.get().reason() + "; try again in " + s + " s", s);
        }
        LoginThrottle.Attempt attempt = throttle.attempt(user.username(), from);
        try {
            users.changePassword(user, currentPassword, newPassword, keepToken);
            attempt.succeeded();
        } catch (EnforcementException e) {
            if (e.kind() == EnforcementException.Kind.FORBIDDEN) {
                attempt.failed();
            } else {
                attempt.abandoned();
            }
            throw e;
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
    }

    /**
     * The user a bearer token belongs to; 401 when unknown or expired. An integration API key is a bearer
     * credential too ({@link ApiKeys#PREFIX}), so every router that authenticates with tokens accepts keys alike
     * and the routes' role sets decide what a key may do.
     */
    public User authenticate(String token) {
        if (token.startsWith(ApiKeys.PREFIX)) {
            return apiKeys.authenticate(token);
        }
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
