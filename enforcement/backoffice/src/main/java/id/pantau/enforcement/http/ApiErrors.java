package id.pantau.enforcement.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import id.pantau.enforcement.EnforcementException;

import java.util.stream.Collectors;

/** Maps what went wrong to an HTTP status and a message an operator can act on. */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** The problem a known failure answers as, or null for a genuine fault (a 500, logged). */
    public static Problem of(Throwable t) {
        if (t instanceof EnforcementException e) {
            return switch (e.kind()) {
                case INVALID -> e.field() == null ? new Problem(400, "invalid_request", e.getMessage())
                        : new Problem(400, "invalid_request", e.getMessage(), java.util.Map.of("field", e.field()));
                case UNAUTHENTICATED -> new Problem(401, "unauthenticated", e.getMessage());
                case FORBIDDEN -> new Problem(403, "forbidden", e.getMessage());
                case NOT_FOUND -> new Problem(404, "not_found", e.getMessage());
                case CONFLICT -> new Problem(409, "conflict", e.getMessage());
                case INTEGRITY -> new Problem(409, "evidence_integrity", e.getMessage());
                case THROTTLED -> new Problem(429, "too_many_requests", e.getMessage(),
                        java.util.Map.of(Problem.RETRY_AFTER, e.retryAfterSeconds()));
            };
        }
        if (t instanceof JacksonException j) {
            return new Problem(400, "invalid_json", describe(j));
        }
        if (t instanceof IllegalArgumentException e) {
            return new Problem(400, "invalid_request", e.getMessage());
        }
        return null;
    }

    public static String describe(JacksonException j) {
        if (j instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'; allowed fields: " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
        }
        if (j instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        if (j instanceof InvalidFormatException f) {
            return "field '" + path(f) + "' has the wrong type or format: got " + f.getValue() + ", expected "
                    + jsonType(f.getTargetType());
        }
        if (j instanceof MismatchedInputException m) {
            String p = path(m);
            return p.isEmpty() ? "the request body must be a JSON object" : "field '" + p + "' has the wrong type: expected "
                    + (m.getTargetType() == null ? "another type" : jsonType(m.getTargetType()));
        }
        if (j instanceof JsonParseException) {
            return "malformed JSON: " + j.getOriginalMessage();
        }
        return "invalid JSON: " + j.getOriginalMessage();
    }

    /** The JSON a field wants, in JSON's words: clients never see a Java type name. */
    static String jsonType(Class<?> t) {
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != char.class)) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(t) || t.isEnum() || t == Character.class || t == char.class
                || java.time.temporal.Temporal.class.isAssignableFrom(t)) {
            return "a string";
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
