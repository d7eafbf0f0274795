package id.pantau.enforcement.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON answers in one shape for every router of a node (the API, the console):
 * {@code {"error": code, "message": text, ...details}}. Nothing here names a Java class: a client sees codes and
 * sentences, the log keeps the stack.
 */
public final class Replies {
    private Replies() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply could not be encoded", e);
        }
    }

    public static void problem(RoutingContext ctx, Problem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", p.error());
        body.put("message", scrub(p.message()));
        body.putAll(p.extra());
        if (p.extra().get(Problem.RETRY_AFTER) instanceof Number n && !ctx.response().ended()) {
            ctx.response().putHeader("retry-after", Long.toString(n.longValue()));
        }
        json(ctx, p.status(), body);
    }

    private static final java.util.regex.Pattern JAVA_NAME = java.util.regex.Pattern.compile(
            "`?\\b(?:java|javax|jdk|sun|com|org|io|id|net)\\.(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*`?");

    /** A last guard for messages from libraries: a fully qualified Java type name becomes "a value". */
    static String scrub(String message) {
        return message == null ? null : JAVA_NAME.matcher(message).replaceAll("a value");
    }

    public static void problem(RoutingContext ctx, int status, String error, String message) {
        problem(ctx, new Problem(status, error, message));
    }

    /** A problem whose error code is the standard one for its status. */
    public static void problem(RoutingContext ctx, int status, String message) {
        problem(ctx, status, errorCode(status), message);
    }

    public static String errorCode(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            default -> "internal_error";
        };
    }
}
