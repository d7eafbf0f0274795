package id.pantau.enforcement.violation;

import java.util.Map;

/**
 * A violation event that breaks the contract: the English sentence (for logs and the API) plus a stable code with
 * its values, kept with the dead letter so the console can say why in the reader's language.
 * Codes: {@code too_large} {bytes, max}, {@code not_json} {}, {@code unreadable} {}, {@code empty} {},
 * {@code rejected} {event_id, fields}.
 */
public final class InvalidViolationEvent extends IllegalArgumentException {
    private final String code;
    private final Map<String, Object> params;

    public InvalidViolationEvent(String code, Map<String, Object> params, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.params = Map.copyOf(params);
    }

    public InvalidViolationEvent(String code, Map<String, Object> params, String message) {
        this(code, params, message, null);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> params() {
        return params;
    }
}
