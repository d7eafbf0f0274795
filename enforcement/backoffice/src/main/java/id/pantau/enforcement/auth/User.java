package id.pantau.enforcement.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A back-office account as the API shows it (never with its password hash). */
public record User(long id, String username, Role role,
                   @JsonProperty("must_change_password") boolean mustChangePassword, boolean active) {

    /** The JSON the audit trail records for a user: role and state, never secrets. */
    public java.util.Map<String, Object> auditView() {
        return java.util.Map.of("id", id, "username", username, "role", role.wire(),
                "must_change_password", mustChangePassword, "active", active);
    }
}
