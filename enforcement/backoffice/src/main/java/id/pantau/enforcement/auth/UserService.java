package id.pantau.enforcement.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts: bcrypt password hashes, roles, activation. Every change is audited in the same transaction. */
public final class UserService {
    static final int MIN_PASSWORD = 10;

    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final int bcryptCost;
    private final String dummyHash;

    public UserService(Database db, AuditTrail audit, Clock clock, int bcryptCost) {
        this.bcryptCost = bcryptCost;
        this.dummyHash = BCrypt.withDefaults().hashToString(bcryptCost, "not-a-real-password".toCharArray());
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public User create(String actor, String username, String password, Role role, boolean mustChangePassword) {
        if (username == null || !username.matches("[a-z0-9._-]{3,64}")) {
            throw EnforcementException.invalid("username must be 3-64 lower-case letters, digits, '.', '_' or '-'");
        }
        refuseIntegration(role);
        checkPasswordStrength(password);
        String hash = BCrypt.withDefaults().hashToString(bcryptCost, password.toCharArray());
        try {
            return db.inTransaction(c -> {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role,"
                        + " must_change_password, active, created_at) VALUES (?, ?, ?, ?, TRUE, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, username);
                    ps.setString(2, hash);
                    ps.setString(3, role.wire());
                    ps.setBoolean(4, mustChangePassword);
                    Sql.setInstant(ps, 5, clock.instant());
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                }
                User u = new User(id, username, role, mustChangePassword, true);
                audit.append(c, actor, "user.create", "user", Long.toString(id), null, u.auditView());
                return u;
            });
        } catch (id.pantau.enforcement.db.DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw EnforcementException.conflict("username '" + username + "' is already taken");
            }
            throw e;
        }
    }

    /** Integration accounts are API keys (no password to sign in with), so no user row may carry the role. */
    private static void refuseIntegration(Role role) {
        if (role == Role.INTEGRATION) {
            throw EnforcementException.invalidField("role", "role integration is for API keys: an admin creates one at"
                    + " POST /api/api-keys; users are police, dishub, operator or admin");
        }
    }

    static void checkPasswordStrength(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw EnforcementException.invalid("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw EnforcementException.invalid("password must be at most 72 bytes (bcrypt limit)");
        }
    }

    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public List<User> list() {
        return db.inTransaction(c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    public User get(long id) {
        return db.inTransaction(c -> find(c, id)).orElseThrow(() -> EnforcementException.notFound("no user with id " + id));
    }

    /** Changes role and/or active flag; null leaves a field as it is. */
    public User update(String actor, long id, Role role, Boolean active) {
        refuseIntegration(role);
        return db.inTransaction(c -> {
            User before = find(c, id).orElseThrow(() -> EnforcementException.notFound("no user with id " + id));
            User after = new User(id, before.username(), role != null ? role : before.role(), before.mustChangePassword(),
                    active != null ? active : before.active());
            boolean wasAdmin = before.active() && before.role() == Role.ADMIN;
            if (wasAdmin && !(after.active() && after.role() == Role.ADMIN) && activeAdmins(c) <= 1) {
                throw EnforcementException.conflict("'" + before.username() + "' is the last active admin and cannot be"
                        + " demoted or disabled; make another user admin first");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ?, active = ? WHERE id = ?")) {
                ps.setString(1, after.role().wire());
                ps.setBoolean(2, after.active());
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            if (!after.active()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            audit.append(c, actor, "user.update", "user", Long.toString(id), before.auditView(), after.auditView());
            return after;
        });
    }

    /** Active admins, their rows locked so two concurrent demotions cannot both pass the last-admin check. */
    private static int activeAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE role = ? AND active = TRUE FOR UPDATE")) {
            ps.setString(1, Role.ADMIN.wire());
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Returns the user when the password matches an active account. */
    Optional<User> authenticate(String username, String password) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        // spend the same bcrypt time as for a real account, so response time does not reveal usernames
                        BCrypt.verifyer().verify(password.toCharArray(), dummyHash);
                        return Optional.empty();
                    }
                    User u = map(rs);
                    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), rs.getString("password_hash")).verified;
                    return ok && u.active() ? Optional.of(u) : Optional.<User>empty();
                }
            }
        });
    }

    /**
     * Changes the user's password and signs out every other session of the user: only {@code keepToken} (the token
     * of the request that changed it; may be null) stays valid.
     */
    public void changePassword(User user, String oldPassword, String newPassword, String keepToken) {
        if (authenticate(user.username(), oldPassword == null ? "" : oldPassword).isEmpty()) {
            throw EnforcementException.forbidden("the current password is wrong");
        }
        checkPasswordStrength(newPassword);
        if (newPassword.equals(oldPassword)) {
            throw EnforcementException.invalid("the new password must differ from the current one");
        }
        String hash = BCrypt.withDefaults().hashToString(bcryptCost, newPassword.toCharArray());
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?, must_change_password = FALSE WHERE id = ?")) {
                ps.setString(1, hash);
                ps.setLong(2, user.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?")) {
                ps.setLong(1, user.id());
                ps.setString(2, keepToken == null ? "" : TokenService.sha256(keepToken));
                ps.executeUpdate();
            }
            audit.append(c, user.username(), "user.password_change", "user", Long.toString(user.id()),
                    user.auditView(), new User(user.id(), user.username(), user.role(), false, user.active()).auditView());
            return null;
        });
    }

    static Optional<User> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), Role.parse(rs.getString("role")),
                rs.getBoolean("must_change_password"), rs.getBoolean("active"));
    }
}
