package id.pantau.enforcement.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Request bodies. Parsed strictly: unknown fields and wrong types are 400s naming the field. */
final class Requests {
    private Requests() {
    }

    record Login(String username, String password) {
    }

    record PasswordChange(@JsonProperty("current_password") String currentPassword,
                          @JsonProperty("new_password") String newPassword) {
    }

    record PlateCorrection(String plate) {
    }

    record Rejection(@JsonProperty("reason_code") String reasonCode) {
    }

    record TicketStatusChange(String status) {
    }

    record NewUser(String username, String password, String role) {
    }

    record UserChange(String role, Boolean active) {
    }

    record Dismissal(String note) {
    }

    record NewApiKey(String name) {
    }

    /** @param opd the agency a forwarded complaint goes to; @param reason why it is refused */
    record ComplaintStatusChange(String status, String opd, String reason) {
    }
}
