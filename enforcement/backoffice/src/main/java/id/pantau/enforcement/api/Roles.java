package id.pantau.enforcement.api;

import id.pantau.enforcement.auth.Role;

import java.util.EnumSet;
import java.util.Set;

/** Who may call what: police alone see plates and evidence; Dishub and operators see statistics. */
final class Roles {
    static final Set<Role> POLICE = EnumSet.of(Role.POLICE);
    static final Set<Role> STATS = EnumSet.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN);
    static final Set<Role> OPS = EnumSet.of(Role.OPERATOR, Role.ADMIN);
    static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    static final Set<Role> ANY = Role.people();
    /** Complaints: Dishub works them, operators and admins see them. */
    static final Set<Role> COMPLAINTS = EnumSet.of(Role.DISHUB, Role.OPERATOR, Role.ADMIN);
    /** Complaint intake: the SiKesal integration key, and admins (by hand). */
    static final Set<Role> INTAKE = EnumSet.of(Role.INTEGRATION, Role.ADMIN);

    private Roles() {
    }
}
