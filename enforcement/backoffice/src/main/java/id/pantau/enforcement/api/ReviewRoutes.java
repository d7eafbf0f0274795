package id.pantau.enforcement.api;

import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.EnforcementServices;
import id.pantau.enforcement.auth.User;
import id.pantau.enforcement.http.Guard;
import id.pantau.enforcement.http.Reply;
import id.pantau.enforcement.stored.EvidenceIntegrityException;
import id.pantau.enforcement.stored.VerifiedEvidence;
import id.pantau.enforcement.violation.Violation;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

import static id.pantau.enforcement.api.Roles.POLICE;

/** The police review queue: cases, claims, plate corrections, decisions, evidence files. */
final class ReviewRoutes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReviewRoutes.class);
    private final EnforcementServices s;

    private ReviewRoutes(EnforcementServices s) {
        this.s = s;
    }

    static Router router(Vertx vertx, Guard guard, EnforcementServices s) {
        ReviewRoutes routes = new ReviewRoutes(s);
        Router r = Router.router(vertx);
        r.get("/violations").handler(ctx -> guard.as(ctx, POLICE, u -> {
            var filter = Params.filter(ctx);
            return Reply.ok(Map.of("items", s.reviews().queue(filter), "total", s.reviews().count(filter),
                    "limit", filter.limit(), "offset", filter.offset()));
        }));
        r.get("/violations/:id").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(s.reviews().get(Params.id(ctx)))));
        r.get("/violations/:id/details").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(s.reviews().details(Params.id(ctx)))));
        r.post("/violations/:id/claim").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(s.reviews().claim(u, Params.id(ctx)))));
        r.put("/violations/:id/plate").handler(ctx -> guard.as(ctx, POLICE, u -> {
            Requests.PlateCorrection p = Params.body(ctx, Requests.PlateCorrection.class);
            return Reply.ok(s.reviews().correctPlate(u, Params.id(ctx), p.plate()));
        }));
        r.post("/violations/:id/approve").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(s.reviews().approve(u, Params.id(ctx)))));
        r.post("/violations/:id/reject").handler(ctx -> guard.as(ctx, POLICE, u -> {
            Requests.Rejection rej = Params.body(ctx, Requests.Rejection.class);
            return Reply.ok(s.reviews().reject(u, Params.id(ctx), rej.reasonCode()));
        }));
        r.get("/violations/:id/evidence/:name").handler(ctx -> guard.as(ctx, POLICE,
                u -> routes.evidence(u, Params.id(ctx), ctx.pathParam("name"))));
        r.get("/reason-codes").handler(ctx -> guard.as(ctx, POLICE, u -> Reply.ok(Map.of("reason_codes", s.config().reasonCodes()))));
        return r;
    }

    /**
     * One evidence photo, served only when it matches the package's signed manifest (see {@link VerifiedEvidence});
     * a file that does not is refused with 409 {@code evidence_integrity} and an {@code EVIDENCE INTEGRITY} error
     * line in the log naming the case, the file and why.
     */
    /** The evidence clip (H.264 in MP4) of a package, beside its photos. */
    static final String CLIP = id.pantau.storage.evidence.PackageLayout.CLIP;

    private Reply evidence(User u, long id, String name) throws IOException {
        Violation v = s.reviews().get(id);
        // the photos the event names, and the clip every complete package holds (checked against the manifest below)
        if (!v.photos().contains(name) && !CLIP.equals(name)) {
            throw EnforcementException.notFound("case " + id + " has no evidence file '" + name + "'; it has " + v.photos()
                    + " and " + CLIP);
        }
        try {
            byte[] photo = s.verifiedEvidence().read(v.evidenceKey(), name);
            s.record(u.username(), "evidence.view", "violation", Long.toString(id), null, Map.of("photo", name));
            return Reply.bytes(name.endsWith(".mp4") ? "video/mp4" : name.endsWith(".png") ? "image/png" : "image/jpeg",
                    photo);
        } catch (EvidenceIntegrityException e) {
            log.error("EVIDENCE INTEGRITY: case {} ({}) file {} refused: {}", id, v.eventId(), e.key(), e.getMessage());
            throw EnforcementException.integrity("evidence photo '" + name + "' of case " + id + " is not served: "
                    + e.getMessage() + ". The stored evidence does not match what was signed; check the package with"
                    + " 'pantau evidence verify " + v.evidenceKey() + "' and report it");
        } catch (NoSuchFileException e) {
            throw EnforcementException.notFound("evidence photo '" + name + "' of case " + id + " is not in the evidence store");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
