package id.pantau.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON answers in the same shape as the enforcement API: {@code {"error": code, "message": text, ...}}. */
final class Replies {
    private Replies() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
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

    static void problem(RoutingContext ctx, int status, String error, String message) {
        problem(ctx, status, error, message, Map.of());
    }

    static void problem(RoutingContext ctx, int status, String error, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.putAll(extra);
        json(ctx, status, body);
    }
}
