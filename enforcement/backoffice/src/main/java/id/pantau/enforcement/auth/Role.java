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
    POLICE, DISHUB, OPERATOR, ADMIN;

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
