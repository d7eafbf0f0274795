package id.pantau.enforcement.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** What a handler answers: JSON with a status, raw bytes, or 204. */
public record Reply(int status, String contentType, Object json, byte[] bytes) {
    public static Reply json(int status, Object body) {
        return new Reply(status, "application/json", body, null);
    }

    public static Reply ok(Object body) {
        return json(200, body);
    }

    public static Reply bytes(String contentType, byte[] bytes) {
        return new Reply(200, contentType, null, bytes);
    }

    public static Reply noContent() {
        return new Reply(204, null, null, null);
    }

    public void send(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 204) {
            ctx.response().setStatusCode(204).end();
        } else if (bytes != null) {
            ctx.response().setStatusCode(status).putHeader("content-type", contentType)
                    .putHeader("cache-control", "no-store").end(Buffer.buffer(bytes));
        } else {
            Replies.json(ctx, status, json);
        }
    }
}
