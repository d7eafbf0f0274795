package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.auth.Role;
import id.pantau.enforcement.auth.User;
import id.pantau.enforcement.complaint.Complaint;
import id.pantau.enforcement.complaint.ComplaintCategory;
import id.pantau.enforcement.complaint.ComplaintCounts;
import id.pantau.enforcement.complaint.ComplaintInput;
import id.pantau.enforcement.complaint.ComplaintStatus;
import id.pantau.enforcement.complaint.ComplaintStore;
import id.pantau.enforcement.complaint.ValidComplaint;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static id.pantau.enforcement.api.Roles.COMPLAINTS;
import static id.pantau.enforcement.api.Roles.INTAKE;

/**
 * Citizen complaints (SiKesal): intake by the integration key (or an admin), the list with filters, one complaint
 * with its cameras and confirming alerts, status changes, the open ones for the map, and counts per category per
 * day as JSON and CSV. The reporter's contact is shown to admins alone.
 */
final class ComplaintRoutes {
    private ComplaintRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.post("/complaints").handler(ctx -> guard.as(ctx, INTAKE, u -> {
            ComplaintInput in = Params.body(ctx, ComplaintInput.class);
            ValidComplaint v = s.complaintValidator().validate(in);
            ComplaintStore.Intake intake = s.complaints().upsert(u.username(), "sikesal", v, ComplaintStatus.BARU, null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("outcome", intake.outcome().name().toLowerCase(java.util.Locale.ROOT));
            body.put("complaint", shown(u, intake.complaint()));
            return Reply.json(intake.outcome() == ComplaintStore.Outcome.CREATED ? 201 : 200, body);
        }));
        r.get("/complaints").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> Reply.ok(Map.of("items",
                s.complaints().list(filter(ctx, Params.intParam(ctx, "limit", 100, 1, 500))).stream()
                        .map(c -> shown(u, c)).toList()))));
        r.get("/complaints/board").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> {
            ComplaintStore.Filter f = filter(ctx, 500);
            f = new ComplaintStore.Filter(f.category(), "terbuka", null, f.area(), f.from(), f.to(), 500, 0);
            return Reply.ok(Map.of("items", s.complaints().list(f).stream().map(ComplaintRoutes::onBoard).toList()));
        }));
        r.get("/complaints/daily").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> Reply.ok(series(ctx, s))));
        r.get("/complaints/daily.csv").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> {
            ComplaintCounts.Series series = series(ctx, s);
            ctx.response().putHeader("content-disposition", "attachment; filename=\"pengaduan-per-hari-"
                    + series.from() + "-" + series.to() + ".csv\"");
            return Reply.bytes("text/csv; charset=utf-8", ComplaintCounts.csv(series).getBytes(StandardCharsets.UTF_8));
        }));
        r.get("/complaints/:id").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> {
            Complaint c = s.complaints().get(Params.id(ctx));
            if (u.role() == Role.ADMIN && c.reporterContact() != null) {
                // a citizen's contact is personal data: each time an admin sees it is on the record
                s.record(u.username(), "complaint.contact_view", "complaint", Long.toString(c.id()), null, null);
            }
            return Reply.ok(shown(u, c));
        }));
        r.get("/complaints/:id/photo").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> {
            ValidComplaint.Photo p = s.complaints().photo(Params.id(ctx));
            return Reply.bytes(p.mediaType(), p.bytes());
        }));
        r.post("/complaints/:id/status").handler(ctx -> guard.as(ctx, COMPLAINTS, u -> {
            Requests.ComplaintStatusChange c = Params.body(ctx, Requests.ComplaintStatusChange.class);
            if (c.status() == null) {
                throw EnforcementException.invalidField("status", "status is required: diteruskan, ditangani, selesai"
                        + " or ditolak");
            }
            ComplaintStatus next;
            try {
                next = ComplaintStatus.parse(c.status());
            } catch (IllegalArgumentException e) {
                throw EnforcementException.invalidField("status", e.getMessage());
            }
            return Reply.ok(shown(u, s.complaints().changeStatus(u.username(), Params.id(ctx), next, c.opd(), c.reason())));
        }));
        r.get("/camera-alerts/:event/snapshot").handler(ctx -> guard.as(ctx, COMPLAINTS,
                u -> Reply.bytes("image/jpeg", s.complaints().alertSnapshot(ctx.pathParam("event")))));
        return r;
    }

    private static Complaint shown(User u, Complaint c) {
        return u.role() == Role.ADMIN ? c : c.redacted();
    }

    /** What the Dishub board's map needs of an open complaint; those with only an address have no point on it. */
    private static Map<String, Object> onBoard(Complaint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("category", c.category());
        m.put("status", c.status());
        m.put("area", c.area());
        m.put("lat", c.location().lat());
        m.put("lon", c.location().lon());
        m.put("address", c.location().address());
        m.put("reported_at", c.reportedAt());
        m.put("corroborated", c.corroborated());
        m.put("cameras", c.cameras().stream().map(l -> l.camera()).toList());
        return m;
    }

    private static ComplaintStore.Filter filter(RoutingContext ctx, int limit) {
        var q = ctx.request();
        ComplaintCategory category = null;
        if (q.getParam("category") != null) {
            try {
                category = ComplaintCategory.parse(q.getParam("category"));
            } catch (IllegalArgumentException e) {
                throw EnforcementException.invalidField("category", e.getMessage());
            }
        }
        String status = q.getParam("status");
        if (status != null && !"terbuka".equals(status)) {
            try {
                ComplaintStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw EnforcementException.invalidField("status", e.getMessage() + " (or terbuka: every open one)");
            }
        }
        return new ComplaintStore.Filter(category, status, blankToNull(q.getParam("camera")),
                blankToNull(q.getParam("area")), Params.time(q.getParam("from"), "from"), Params.time(q.getParam("to"), "to"),
                limit, Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    /** from/to as WIB dates (YYYY-MM-DD), both inclusive; the last 30 days by default. */
    private static ComplaintCounts.Series series(RoutingContext ctx, EnforcementServices s) {
        LocalDate today = LocalDate.ofInstant(s.clock().instant(), ComplaintCounts.WIB);
        LocalDate to = date(ctx.request().getParam("to"), "to", today);
        LocalDate from = date(ctx.request().getParam("from"), "from", to.minusDays(29));
        if (from.isAfter(to)) {
            throw EnforcementException.invalidField("from", "from (" + from + ") is after to (" + to + ")");
        }
        if (from.plusDays(ComplaintCounts.MAX_DAYS).isBefore(to)) {
            throw EnforcementException.invalidField("from", "at most " + ComplaintCounts.MAX_DAYS + " days at once");
        }
        return ComplaintCounts.count(s.complaints(), from, to, blankToNull(ctx.request().getParam("area")));
    }

    private static LocalDate date(String v, String name, LocalDate dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw EnforcementException.invalidField(name, name + " must be a date YYYY-MM-DD; was '" + v + "'");
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
