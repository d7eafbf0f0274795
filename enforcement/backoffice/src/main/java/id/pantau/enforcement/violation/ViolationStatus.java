package id.pantau.enforcement.violation;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a case is in review. AWAITING_SECOND_APPROVAL: a low-confidence plate one officer has approved. */
public enum ViolationStatus {
    PENDING, AWAITING_SECOND_APPROVAL, APPROVED, REJECTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this == PENDING || this == AWAITING_SECOND_APPROVAL;
    }

    public static ViolationStatus parse(String s) {
        for (ViolationStatus v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("status must be one of pending, awaiting_second_approval, approved, rejected; was '" + s + "'");
    }
}
