package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import id.pantau.enforcement.ticket.TicketStatus;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.Map;

import static id.pantau.enforcement.api.Roles.POLICE;

/** ETLE tickets: the list, one ticket, status changes, the confirmation letter. */
final class TicketRoutes {
    private TicketRoutes() {
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        Router r = Router.router(vertx);
        r.get("/tickets").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(Map.of("items", s.tickets().list(
                Params.ticketStatus(ctx.request().getParam("status")), Params.intParam(ctx, "limit", 100, 1, 500),
                Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE))))));
        r.get("/tickets/:id").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(s.tickets().get(Params.id(ctx)))));
        r.post("/tickets/:id/status").handler(ctx -> guard.as(ctx, POLICE, u -> {
            Requests.TicketStatusChange c = Params.body(ctx, Requests.TicketStatusChange.class);
            TicketStatus next = Params.ticketStatus(c.status());
            if (next == null) {
                throw EnforcementException.invalid("status is required");
            }
            return Reply.ok(s.tickets().changeStatus(u.username(), Params.id(ctx), next));
        }));
        r.get("/tickets/:id/letter.pdf").handler(ctx -> guard.as(ctx, POLICE, u -> {
            long id = Params.id(ctx);
            byte[] pdf = s.tickets().letter(id);
            s.record(u.username(), "ticket.letter_download", "ticket", Long.toString(id), null, null);
            // saved or opened under the ticket's reference, not "letter.pdf"
            ctx.response().putHeader("content-disposition", "inline; filename=\"surat-konfirmasi-"
                    + s.tickets().get(id).reference() + ".pdf\"");
            return Reply.bytes("application/pdf", pdf);
        }));
        return r;
    }
}
