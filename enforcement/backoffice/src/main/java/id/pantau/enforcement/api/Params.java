package id.pantau.enforcement.api;

import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.review.QueueFilter;
import id.pantau.enforcement.ticket.TicketStatus;
import id.pantau.enforcement.violation.ViolationStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads a request's body, path and query parameters, each wrong one a 400 (or 404 for a path id) naming it. */
final class Params {
    private Params() {
    }

    static <T> T body(RoutingContext ctx, Class<T> type) throws IOException {
        Buffer b = ctx.body() == null ? null : ctx.body().buffer();
        if (b == null || b.length() == 0) {
            throw EnforcementException.invalid("a JSON request body is required");
        }
        T v = Json.mapper().readValue(b.getBytes(), type);
        if (v == null) {
            throw EnforcementException.invalid("the request body must be a JSON object, not null");
        }
        return v;
    }

    static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw EnforcementException.notFound("no record with id '" + raw + "' (ids are numbers)");
        }
    }

    static QueueFilter filter(RoutingContext ctx) {
        var q = ctx.request();
        String status = q.getParam("status");
        return new QueueFilter(q.getParam("camera"), time(q.getParam("from"), "from"), time(q.getParam("to"), "to"),
                status == null ? null : ViolationStatus.parse(status), score(q.getParam("min_score"), "min_score"),
                score(q.getParam("max_score"), "max_score"), intParam(ctx, "limit", 100, 1, 500),
                intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                q.getParam("evidence") == null ? null : QueueFilter.Evidence.parse(q.getParam("evidence")), q.getParam("plate"));
    }

    static Instant time(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw EnforcementException.invalid(name + " must be an ISO-8601 time with offset, e.g. 2026-11-23T10:00:00+07:00; was '" + v + "'");
        }
    }

    static Double score(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw EnforcementException.invalid(name + " must be a number within 0..1; was '" + v + "'");
        }
    }

    static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw EnforcementException.invalid(name + " must be an integer within " + min + ".." + max + "; was '" + v + "'");
        }
    }

    static TicketStatus ticketStatus(String v) {
        return v == null ? null : TicketStatus.parse(v);
    }
}
