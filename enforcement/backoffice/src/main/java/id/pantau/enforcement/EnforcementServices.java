package id.pantau.enforcement;

import id.pantau.enforcement.audit.AuditCheckpoints;
import id.pantau.enforcement.audit.AuditRecorder;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.auth.ApiKeys;
import id.pantau.enforcement.auth.LoginThrottle;
import id.pantau.enforcement.complaint.CameraLinker;
import id.pantau.enforcement.complaint.ComplaintSettings;
import id.pantau.enforcement.complaint.ComplaintStore;
import id.pantau.enforcement.complaint.ComplaintValidator;
import id.pantau.enforcement.complaint.KnownCameras;
import id.pantau.enforcement.auth.TokenService;
import id.pantau.enforcement.auth.UserService;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.stored.EvidenceReader;
import id.pantau.enforcement.stored.VerifiedEvidence;
import id.pantau.storage.signing.ManifestSignatureVerifier;
import id.pantau.enforcement.review.ReviewService;
import id.pantau.enforcement.ticket.TicketIssuer;
import id.pantau.enforcement.ticket.TicketService;
import id.pantau.enforcement.violation.DeadLetters;
import id.pantau.enforcement.violation.ViolationIngestor;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;

/**
 * The back office's domain services over one database, wired together. The HTTP API and the bus consumer both
 * work through these; {@link #open} migrates the database first.
 */
public record EnforcementServices(EnforcementConfig config, Database db, AuditTrail audit, UserService users,
                                  TokenService tokens, ReviewService reviews, TicketService tickets,
                                  ViolationIngestor ingestor, DeadLetters deadLetters, EvidenceReader evidence,
                                  VerifiedEvidence verifiedEvidence, Clock clock, MeterRegistry registry,
                                  AuditCheckpoints checkpoints, ApiKeys apiKeys, ComplaintStore complaints,
                                  ComplaintValidator complaintValidator, KnownCameras cameras) implements AutoCloseable, AuditRecorder {

    /**
     * A bare rig: without the evidence key every evidence file fails its integrity check and is never served, and
     * without checkpoints verification reports the audit chain as not anchored.
     */
    public static EnforcementServices open(EnforcementConfig config, EvidenceReader evidence, Clock clock,
                                           MeterRegistry registry) {
        return open(config, evidence, VerifiedEvidence.noKey(), clock, registry, AuditCheckpoints.none(),
                KnownCameras.none());
    }

    /**
     * @param evidenceKeys the key the evidence manifests are signed with (the node's public key)
     * @param checkpoints  where the audit chain's signed checkpoints go (outside the database)
     * @param cameras      where the cameras stand, for linking complaints to them
     */
    public static EnforcementServices open(EnforcementConfig config, EvidenceReader evidence,
                                           ManifestSignatureVerifier evidenceKeys, Clock clock,
                                           MeterRegistry registry, AuditCheckpoints checkpoints, KnownCameras cameras) {
        Database db = new Database(config);
        AuditTrail audit = new AuditTrail(clock);
        UserService users = new UserService(db, audit, clock, config.bcryptCost());
        ApiKeys apiKeys = new ApiKeys(db, audit, clock);
        TokenService tokens = new TokenService(db, users, config.tokenTtl(), clock, audit,
                new LoginThrottle(LoginThrottle.Settings.defaults(), clock), apiKeys);
        TicketIssuer issuer = new TicketIssuer(config, audit, clock, registry);
        ReviewService reviews = new ReviewService(db, config, audit, issuer, clock, registry,
                () -> checkpoints.checkpointQuietly(db));
        VerifiedEvidence verified = new VerifiedEvidence(evidence, evidenceKeys);
        TicketService tickets = new TicketService(db, audit, verified.asReader(), clock); // letters print only verified photos
        ViolationIngestor ingestor = new ViolationIngestor(db, audit, clock, registry);
        DeadLetters deadLetters = new DeadLetters(db, audit, ingestor, clock);
        ComplaintSettings cs = config.complaints();
        ComplaintStore complaints = new ComplaintStore(db, audit, clock, cs, new CameraLinker(cameras, cs.linkDistanceM()));
        return new EnforcementServices(config, db, audit, users, tokens, reviews, tickets, ingestor, deadLetters, evidence,
                verified, clock, registry, checkpoints, apiKeys, complaints,
                new ComplaintValidator(clock, cs.maxPhotoBytes()), cameras);
    }

    /** Appends one audit entry in a transaction of its own (views, downloads, logins, geometry saves). */
    @Override
    public void record(String actor, String action, String entity, String entityId, Object before, Object after) {
        db.inTransaction(c -> audit.append(c, actor, action, entity, entityId, before, after));
    }

    /** The chain check plus the signed checkpoints outside the database. */
    public id.pantau.enforcement.audit.AuditVerification verifyAudit() {
        return db.inTransaction(c -> AuditTrail.verifyAnchored(c, checkpoints));
    }

    @Override
    public void close() {
        db.close();
    }
}
