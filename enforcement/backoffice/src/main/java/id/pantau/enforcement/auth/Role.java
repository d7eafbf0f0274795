package id.pantau.enforcement.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who a user is in the ETLE flow. Police validate cases and alone see plates and evidence; dishub (the city
 * transport agency) sees statistics; operators run the system (statistics, relay status); admins manage users
 * and the audit trail.
 */
public enum Role {
    POLICE, DISHUB, OPERATOR, ADMIN,
    /**
     * A system that sends records in (SiKesal citizen complaints): it signs in with an API key an admin created,
     * never with a password, and may use only the intake routes that name it.
     */
    INTEGRATION;

    /** The roles people sign in with; "any signed-in user" means these, never an integration key. */
    public static java.util.Set<Role> people() {
        return java.util.EnumSet.of(POLICE, DISHUB, OPERATOR, ADMIN);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of "
                + Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", ")) + ", was '" + s + "'");
    }
}
