package id.pantau.enforcement.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * On the very first start (no users at all) creates the account {@code admin} with a random one-time password
 * that is handed once to {@code announce} (by default printed to the console) and stored only as a bcrypt hash.
 * The account must change it on first login before any other endpoint answers.
 */
public final class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {
    }

    public static void ensureAdmin(UserService users, Consumer<String> announce) {
        if (users.count() > 0) {
            return;
        }
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        users.create("system", "admin", password, Role.ADMIN, true);
        log.warn("created the first account 'admin' with a one-time password; it must be changed at first login");
        announce.accept(password);
    }

    /** The default announcement: one line on stdout, never in a log file or the database. */
    public static void printToConsole(String password) {
        System.out.println("Pantau enforcement: one-time password for user 'admin': " + password
                + "  (change it at first login: POST /api/auth/password)");
    }
}
