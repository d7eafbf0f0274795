package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.json.Json;
import id.pantau.enforcement.audit.Checkpoint;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Sql;
import id.pantau.enforcement.support.Http;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.enforcement.support.TestClock;
import id.pantau.enforcement.violation.ViolationIngestor;
import id.pantau.storage.evidence.Sha256;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The back office over HTTP against the running service (Vert.x on 127.0.0.1:0, a real database, the bus),
 * from violation event to ticket and letter. Runs once on H2 and once on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractEnforcementFlowTest {
    private static final AtomicInteger TRACK = new AtomicInteger(100);

    final TestClock clock = new TestClock();
    ServiceHarness h;
    Http http;
    String police1;
    String police2;
    String dishub;
    String operator;
    final List<BusRecord> ticketEvents = new CopyOnWriteArrayList<>();
    EventBus bus;

    /** The database under test: an H2 file or a fresh PostgreSQL database. */
    abstract EnforcementConfig withDatabase(EnforcementConfig defaults);

    abstract boolean postgres();

    @BeforeAll
    void startService(@TempDir Path dir) {
        bus = new InProcessEventBus(1000, Duration.ofMillis(100));
        bus.subscribe("etle.tickets", "test-consumer", ticketEvents::add);
        EnforcementConfig config = withDatabase(EnforcementConfig.defaults(dir)).withClaimTtl(Duration.ofMinutes(15))
                .withBcryptCost(4); // real bcrypt, cheap work factor: tests log in dozens of times
        h = new ServiceHarness(config, bus, dir, clock);
        http = h.http();
        police1 = h.user("budi.polisi", "police");
        police2 = h.user("sari.polisi", "police");
        dishub = h.user("dina.dishub", "dishub");
        operator = h.user("oki.operator", "operator");
    }

    @AfterAll
    void stopService() {
        if (h != null) {
            h.close();
        }
        bus.close();
    }

    private String newEvent(String plate, double score) {
        return h.event("cam-" + getClass().getSimpleName().toLowerCase().replace("test", "").substring(0, 6), TRACK.incrementAndGet(), plate, score);
    }

    /** Publishes the event and waits until the case shows up in the police queue; returns the case. */
    private JsonNode publishAndAwaitCase(String event) {
        h.publish(event);
        String eventId = ServiceHarness.eventId(event);
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode c : http.get("/api/violations?limit=500", police1).json().get("items")) {
                if (c.get("event_id").asText().equals(eventId)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void aTamperedEvidencePhotoIsRefusedWithAClearErrorAndTheIntactOnesAreServed() throws Exception {
        String event = newEvent("BH 4321 AB", 0.95);
        long id = publishAndAwaitCase(event).get("id").asLong();
        JsonNode evidence = Json.mapper().readTree(event).get("evidence");
        Path stored = h.evidenceRoot().resolve(evidence.get("key").asText()).resolve("frame_at.jpg");
        byte[] original = java.nio.file.Files.readAllBytes(stored);
        assertThat(ok(http.get("/api/violations/" + id + "/evidence/frame_at.jpg", police1)).body()).isEqualTo(original);

        byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 0x10; // one bit of the picture, same size: still a JPEG
        java.nio.file.Files.write(stored, tampered);
        Http.Response refused = http.get("/api/violations/" + id + "/evidence/frame_at.jpg", police1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("evidence_integrity");
        assertThat(refused.text()).contains("frame_at.jpg", "does not match the signed manifest", "pantau evidence verify");
        assertThat(refused.contentType()).doesNotContain("image"); // a problem, never the altered picture
        // the untouched photos of the same package are still served
        ok(http.get("/api/violations/" + id + "/evidence/frame_before.jpg", police1));

        // a forged manifest (listing the altered photo's hash) fails on its signature
        Path manifest = stored.resolveSibling("manifest.json");
        String m = java.nio.file.Files.readString(manifest);
        String oldHash = Sha256.of(new ByteArrayInputStream(original)).hex();
        String newHash = Sha256.of(new ByteArrayInputStream(tampered)).hex();
        java.nio.file.Files.writeString(manifest, m.replace(oldHash, newHash));
        Http.Response forged = http.get("/api/violations/" + id + "/evidence/frame_at.jpg", police1);
        assertThat(forged.status()).isEqualTo(409);
        assertThat(forged.text()).contains("signature is INVALID");
    }

    @Test
    void aViolationWithIncompleteEvidenceIsKeptOutOfTheQueueAndListedApartWithItsReasons() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode e =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(newEvent("BH 5555 CD", 0.9));
        com.fasterxml.jackson.databind.node.ObjectNode ev = (com.fasterxml.jackson.databind.node.ObjectNode) e.get("evidence");
        ev.put("complete", false);
        ev.putArray("problems").add("frame_at.jpg left out: the ring holds no frame within one frame period");
        String event = Json.mapper().writeValueAsString(e);
        String eventId = ServiceHarness.eventId(event);
        h.publish(event);
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode c : http.get("/api/violations?evidence=incomplete&limit=500", police1).json().get("items")) {
                if (c.get("event_id").asText().equals(eventId)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        assertThat(found[0].get("evidence_complete").asBoolean()).isFalse();
        assertThat(found[0].get("evidence_problems").toString()).contains("frame_at.jpg left out");
        for (JsonNode c : http.get("/api/violations?limit=500", police1).json().get("items")) {
            assertThat(c.get("event_id").asText()).as("the normal queue").isNotEqualTo(eventId);
            assertThat(c.get("evidence_complete").asBoolean()).isTrue();
        }
        assertThat(http.get("/api/violations?evidence=sometimes", police1).status()).isEqualTo(400);
    }

    private Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.text()).isBetween(200, 299);
        return r;
    }

    @Test
    void aViolationEventBecomesAnApprovedTicketWithItsLetter() throws Exception {
        String event = newEvent("BH 1234 XY", 0.93);
        JsonNode c = publishAndAwaitCase(event);
        long id = c.get("id").asLong();
        assertThat(c.get("status").asText()).isEqualTo("pending");
        assertThat(c.get("plate").asText()).isEqualTo("BH 1234 XY");

        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        Http.Response photo = ok(http.get("/api/violations/" + id + "/evidence/frame_at.jpg", police1));
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.body()).isEqualTo(h.photo(event, "frame_at.jpg"));

        JsonNode approval = ok(http.post("/api/violations/" + id + "/approve", police1, null)).json();
        assertThat(approval.get("violation").get("status").asText()).isEqualTo("approved");
        JsonNode ticket = approval.get("ticket");
        String reference = ticket.get("reference").asText();
        assertThat(reference).matches("ETLE-JMB-20\\d\\d-\\d{6}");
        assertThat(ticket.get("article").asText()).contains("Pasal 287 ayat (2)");
        assertThat(ticket.get("status").asText()).isEqualTo("awaiting_confirmation");
        Instant issued = Instant.parse(ticket.get("issued_at").asText());
        assertThat(Instant.parse(ticket.get("confirmation_deadline").asText())).isEqualTo(issued.plus(Duration.ofDays(8)));

        // the ticket event leaves through the outbox exactly once
        await().atMost(Duration.ofSeconds(10)).until(() -> ticketEvents.stream().anyMatch(r -> r.key().equals(reference)));
        Thread.sleep(500);
        List<JsonNode> mine = ticketEvents.stream().filter(r -> r.key().equals(reference)).map(r -> readTree(r.value())).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("ticket_id").asLong()).isEqualTo(ticket.get("id").asLong());
        assertThat(mine.get(0).get("plate").asText()).isEqualTo("BH 1234 XY");
        assertThat(mine.get(0).get("violation_event_id").asText()).isEqualTo(ServiceHarness.eventId(event));

        Http.Response pdf = ok(http.get("/api/tickets/" + ticket.get("id").asLong() + "/letter.pdf", police1));
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        PdfReader reader = new PdfReader(pdf.body());
        StringBuilder text = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(p));
        }
        reader.close();
        assertThat(text.toString()).contains(reference).contains("BH 1234 XY")
                .contains("SURAT KONFIRMASI PELANGGARAN LALU LINTAS").contains("Simpang Kawat");
        // the three evidence JPEGs are embedded as they are (DCT streams), so their bytes appear in the PDF
        for (String name : List.of("frame_before.jpg", "frame_at.jpg", "frame_after.jpg")) {
            assertThat(indexOf(pdf.body(), h.photo(event, name))).as("%s embedded in the letter", name).isNotNegative();
        }
    }

    @Test
    void aRejectedCaseGetsNoTicket() {
        JsonNode c = publishAndAwaitCase(newEvent("BH 777 AB", 0.95));
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police2, null));
        Http.Response bad = http.post("/api/violations/" + id + "/reject", police2, "{\"reason_code\":\"i_dont_like_it\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("reason_code must be one of").contains("signal_fault");
        JsonNode rejected = ok(http.post("/api/violations/" + id + "/reject", police2, "{\"reason_code\":\"emergency_vehicle\"}")).json();
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("reject_reason").asText()).isEqualTo("emergency_vehicle");
        assertThat(http.post("/api/violations/" + id + "/approve", police2, null).status()).isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE violation_id = " + id)).isZero();
    }

    @Test
    void aPlateCorrectionKeepsTheReadingAndIsInTheAuditTrail() throws Exception {
        JsonNode c = publishAndAwaitCase(newEvent("BH 1Z34 XY", 0.91));
        long id = c.get("id").asLong();
        assertThat(http.put("/api/violations/" + id + "/plate", police1, "{\"plate\":\"BH 1234 XY\"}").status())
                .as("correction without a claim").isEqualTo(409);
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        assertThat(http.put("/api/violations/" + id + "/plate", police1, "{\"plate\":\"not a plate!\"}").status()).isEqualTo(400);
        JsonNode corrected = ok(http.put("/api/violations/" + id + "/plate", police1, "{\"plate\":\"bh 1234  xy\"}")).json();
        assertThat(corrected.get("plate_read").asText()).isEqualTo("BH 1Z34 XY");
        assertThat(corrected.get("plate_corrected").asText()).isEqualTo("BH 1234 XY");
        JsonNode ticket = ok(http.post("/api/violations/" + id + "/approve", police1, null)).json().get("ticket");
        assertThat(ticket.get("plate").asText()).isEqualTo("BH 1234 XY");

        try (Connection conn = h.service().services().db().dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT actor, before_json, after_json FROM audit_log"
                     + " WHERE entity = 'violation' AND entity_id = ? AND action = 'violation.plate_correction'")) {
            ps.setString(1, Long.toString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("actor")).isEqualTo("budi.polisi");
                JsonNode before = Json.mapper().readTree(rs.getString("before_json"));
                JsonNode after = Json.mapper().readTree(rs.getString("after_json"));
                assertThat(before.get("plate_corrected").isNull()).isTrue();
                assertThat(before.get("plate_read").asText()).isEqualTo("BH 1Z34 XY");
                assertThat(after.get("plate_corrected").asText()).isEqualTo("BH 1234 XY");
                assertThat(after.get("plate_read").asText()).isEqualTo("BH 1Z34 XY");
            }
            conn.rollback();
        }
        // and the admin reads the same entry over HTTP
        Http.Response trailResponse = ok(http.get("/api/audit?entity=violation&entity_id=" + id, h.admin()));
        JsonNode trail = trailResponse.json().get("items");
        assertThat(trail).extracting(e -> e.get("action").asText())
                .containsSubsequence("violation.received", "violation.claim", "violation.plate_correction", "violation.approve");
        assertThat(trailResponse.text()).as("police alone see plates").doesNotContain("BH 1Z34 XY").doesNotContain("BH 1234 XY")
                .contains("***");
        assertThat(http.get("/api/audit", police1).status()).isEqualTo(403);
    }

    @Test
    void aLowConfidencePlateNeedsASecondOfficer() {
        JsonNode c = publishAndAwaitCase(newEvent("BH 4321 ZZ", 0.55));
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        JsonNode first = ok(http.post("/api/violations/" + id + "/approve", police1, null)).json();
        assertThat(first.get("violation").get("status").asText()).isEqualTo("awaiting_second_approval");
        assertThat(first.get("ticket").isNull()).isTrue();
        Http.Response again = http.post("/api/violations/" + id + "/claim", police1, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("second officer");
        ok(http.post("/api/violations/" + id + "/claim", police2, null));
        JsonNode second = ok(http.post("/api/violations/" + id + "/approve", police2, null)).json();
        assertThat(second.get("violation").get("status").asText()).isEqualTo("approved");
        assertThat(second.get("ticket").get("reference").asText()).startsWith("ETLE-JMB-");
    }

    @Test
    void aClaimHoldsOffOtherOfficersUntilItExpires() {
        JsonNode c = publishAndAwaitCase(newEvent("BH 5555 CD", 0.97));
        long id = c.get("id").asLong();
        JsonNode claimed = ok(http.post("/api/violations/" + id + "/claim", police1, null)).json();
        assertThat(claimed.get("claimed_by").asLong()).isPositive();
        Http.Response refused = http.post("/api/violations/" + id + "/claim", police2, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("claimed by another officer");

        clock.advance(Duration.ofMinutes(16)); // past the 15 min claim TTL
        try {
            ok(http.post("/api/violations/" + id + "/claim", police2, null));
            Http.Response lost = http.post("/api/violations/" + id + "/approve", police1, null);
            assertThat(lost.status()).as("the first officer's claim lapsed").isEqualTo(409);
            JsonNode done = ok(http.post("/api/violations/" + id + "/approve", police2, null)).json();
            assertThat(done.get("violation").get("status").asText()).isEqualTo("approved");
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
    }

    @Test
    void eachRoleIsRefusedWhereItDoesNotBelong() {
        assertThat(http.get("/api/violations", null).status()).isEqualTo(401);
        assertThat(http.get("/api/violations", "not-a-token").status()).isEqualTo(401);
        assertThat(http.get("/api/violations", dishub).status()).isEqualTo(403);
        assertThat(http.get("/api/violations", operator).status()).isEqualTo(403);
        assertThat(http.get("/api/violations", h.admin()).status()).as("admins do not see plates").isEqualTo(403);
        assertThat(http.get("/api/tickets", dishub).status()).isEqualTo(403);
        assertThat(http.get("/api/violations/1/evidence/frame_at.jpg", operator).status()).isEqualTo(403);
        assertThat(http.get("/api/users", police1).status()).isEqualTo(403);
        assertThat(http.get("/api/audit/verify", operator).status()).isEqualTo(403);
        assertThat(http.get("/api/ops/outbox", dishub).status()).isEqualTo(403);
        assertThat(http.get("/api/stats", police1).status()).isEqualTo(403);
        Http.Response forbidden = http.get("/api/users", dishub);
        assertThat(forbidden.json().get("message").asText()).contains("role dishub may not use");

        assertThat(http.get("/api/stats", dishub).status()).isEqualTo(200);
        assertThat(http.get("/api/stats", operator).status()).isEqualTo(200);
        assertThat(http.get("/api/ops/outbox", operator).status()).isEqualTo(200);
        assertThat(http.get("/api/users", h.admin()).status()).isEqualTo(200);
        assertThat(http.get("/api/violations", police1).status()).isEqualTo(200);
        assertThat(http.get("/api/stats", dishub).text()).doesNotContain("plate");
        // public endpoints
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.get("/openapi", null).text()).contains("openapi: 3");
        assertThat(http.get("/metrics", null).text()).contains("pantau.enforcement.violations.received");

        // a new user must change the one-time password before anything else; tokens expire
        ok(http.post("/api/users", h.admin(), "{\"username\":\"new.polisi\",\"password\":\"awal-sandi-99\",\"role\":\"police\"}"));
        String fresh = h.login("new.polisi", "awal-sandi-99");
        Http.Response mustChange = http.get("/api/violations", fresh);
        assertThat(mustChange.status()).isEqualTo(403);
        assertThat(mustChange.json().get("message").asText()).contains("password change required");
        assertThat(http.post("/api/auth/login", null, "{\"username\":\"new.polisi\",\"password\":\"wrong-password\"}").status()).isEqualTo(401);
        // a deactivated account's token stops working at once
        String leaving = h.user("pindah.polisi", "police");
        long leavingId = ok(http.get("/api/me", leaving)).json().get("id").asLong();
        assertThat(http.get("/api/violations", leaving).status()).isEqualTo(200);
        ok(http.patch("/api/users/" + leavingId, h.admin(), "{\"active\":false}"));
        assertThat(http.get("/api/violations", leaving).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/login", null, "{\"username\":\"pindah.polisi\",\"password\":\"" + ServiceHarness.PASSWORD + "\"}").status()).isEqualTo(401);
        clock.advance(Duration.ofHours(9));
        try {
            Http.Response expired = http.get("/api/violations", police1);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("message").asText()).contains("token expired");
        } finally {
            clock.advance(Duration.ofHours(-9));
        }
    }

    @Test
    void aViolationDeliveredAgainOrReplayedIsOneCaseAndOneTicket() throws Exception {
        String event = newEvent("BH 9090 KL", 0.99);
        h.publish(event);
        h.publish(event); // a redelivery
        JsonNode c = publishAndAwaitCase(event);
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        ok(http.post("/api/violations/" + id + "/approve", police1, null));
        // a replay of the topic after approval, straight into the ingest
        ViolationIngestor ingestor = h.service().services().ingestor();
        assertThat(ingestor.ingest("pantau.violations", "cam", event.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ViolationIngestor.Outcome.DUPLICATE);
        h.publish(event);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                h.registry().counter("pantau.enforcement.violations.received", "outcome", "duplicate").count() >= 3);
        String eventId = ServiceHarness.eventId(event);
        assertThat(count("SELECT COUNT(*) FROM violations WHERE event_id = '" + eventId + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE violation_id = " + id)).isEqualTo(1);
    }

    @Test
    void aTamperedAuditRowIsNamedByTheCheck() throws Exception {
        publishAndAwaitCase(newEvent("BH 1111 AA", 0.9));
        JsonNode ok = ok(http.get("/api/audit/verify", h.admin())).json();
        assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
        long entries = ok.get("entries_checked").asLong();
        assertThat(entries).isGreaterThan(5);
        long victim = entries / 2;
        String original;
        try (Connection conn = h.service().services().db().dataSource().getConnection(); Statement s = conn.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT actor FROM audit_log WHERE seq = " + victim)) {
                rs.next();
                original = rs.getString(1);
            }
            conn.commit();
            if (postgres()) {
                // the append-only trigger refuses the edit...
                assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + victim))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                conn.rollback();
                // ...so a database superuser has to switch it off first
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            }
            assertThat(s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + victim)).isEqualTo(1);
            conn.commit();
        }
        JsonNode broken = ok(http.get("/api/audit/verify", h.admin())).json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("breaks")).hasSize(1);
        assertThat(broken.get("breaks").get(0).get("seq").asLong()).isEqualTo(victim);
        assertThat(broken.get("breaks").get(0).get("problem").asText()).contains("hash mismatch");
        try (Connection conn = h.service().services().db().dataSource().getConnection(); Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET actor = '" + original + "' WHERE seq = " + victim);
            if (postgres()) {
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            conn.commit();
        }
        assertThat(ok(http.get("/api/audit/verify", h.admin())).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void badRequestsGetAPrecise4xxAndNeverA500() {
        JsonNode c = publishAndAwaitCase(newEvent("BH 2222 BB", 0.95));
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police1, null));

        Http.Response malformed = http.put("/api/violations/" + id + "/plate", police1, "{\"plate\": \"BH 1\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).contains("malformed JSON");
        Http.Response unknown = http.put("/api/violations/" + id + "/plate", police1, "{\"plate\":\"BH 1 A\",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("unknown field 'colour'").contains("plate");
        Http.Response wrongType = http.patch("/api/users/1", h.admin(), "{\"active\":{\"yes\":1}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("message").asText()).contains("active");
        Http.Response notObject = http.post("/api/violations/" + id + "/reject", police1, "[1,2]");
        assertThat(notObject.status()).isEqualTo(400);
        Http.Response empty = http.post("/api/violations/" + id + "/reject", police1, null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText()).contains("body is required");
        Http.Response huge = http.put("/api/violations/" + id + "/plate", police1, "{\"plate\":\"" + "A".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("error").asText()).isEqualTo("body_too_large");
        Http.Response missing = http.get("/api/violations/999999", police1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).contains("999999");
        assertThat(http.get("/api/violations/abc", police1).status()).isEqualTo(404);
        assertThat(http.get("/api/tickets/424242", police1).status()).isEqualTo(404);
        assertThat(http.get("/api/violations/" + id + "/evidence/passwd", police1).status()).isEqualTo(404);
        assertThat(http.get("/api/violations?from=yesterday", police1).status()).isEqualTo(400);
        assertThat(http.get("/api/violations?max_score=7", police1).status()).isEqualTo(400);
        assertThat(http.get("/api/violations?status=lost", police1).status()).isEqualTo(400);
        assertThat(http.get("/api/nothing-here", police1).status()).isEqualTo(404);
        assertThat(http.post("/api/users", h.admin(), "{\"username\":\"x\",\"password\":\"short\",\"role\":\"police\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/users", h.admin(), "{\"username\":\"budi.polisi\",\"password\":\"long-enough-123\",\"role\":\"police\"}").status()).isEqualTo(409);
        assertThat(http.post("/api/users", h.admin(), "{\"username\":\"zed.user\",\"password\":\"long-enough-123\",\"role\":\"king\"}").status()).isEqualTo(400);
        // the service still works after all that
        assertThat(ok(http.post("/api/violations/" + id + "/approve", police1, null)).json().get("ticket").get("reference").asText()).startsWith("ETLE");
    }

    @Test
    void anInvalidEventIsKeptAndDoesNotBlockTheCamerasNextEvents() {
        String camera = "cam-badinput";
        h.bus().publish("pantau.violations", camera, "{not json".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
        h.bus().publish("pantau.violations", camera, "{\"type\":\"red_light_violation\",\"camera\":\"cam-badinput\"}"
                .getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
        JsonNode c = publishAndAwaitCase(h.event(camera, TRACK.incrementAndGet(), "BH 3 C", 0.9));
        assertThat(c.get("camera").asText()).isEqualTo(camera);
        assertThat(count("SELECT COUNT(*) FROM invalid_events WHERE msg_key = 'cam-badinput'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM invalid_events WHERE error LIKE '%event_id is required%'")).isEqualTo(1);
    }

    @Test
    void aTicketMovesThroughItsLifecycleAndExpiresAfterTheDeadline() {
        long paidId = approvedTicket("BH 6000 PA");
        long lateId = approvedTicket("BH 6001 PB");
        assertThat(ok(http.post("/api/tickets/" + paidId + "/status", police1, "{\"status\":\"confirmed\"}")).json()
                .get("status").asText()).isEqualTo("confirmed");
        assertThat(ok(http.post("/api/tickets/" + paidId + "/status", police1, "{\"status\":\"paid\"}")).json()
                .get("status").asText()).isEqualTo("paid");
        Http.Response refused = http.post("/api/tickets/" + paidId + "/status", police1, "{\"status\":\"cancelled\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("is paid and cannot become cancelled");
        assertThat(http.post("/api/tickets/" + paidId + "/status", police1, "{\"status\":\"lost\"}").status()).isEqualTo(400);

        clock.advance(Duration.ofDays(9));
        try {
            assertThat(h.service().services().tickets().expireOverdue()).isGreaterThanOrEqualTo(1);
        } finally {
            clock.advance(Duration.ofDays(-9));
        }
        assertThat(ok(http.get("/api/tickets/" + lateId, police1)).json().get("status").asText()).isEqualTo("expired");
        assertThat(ok(http.get("/api/tickets/" + paidId, police1)).json().get("status").asText()).isEqualTo("paid");
    }

    @Test
    void twoOfficersRacingForTheSameCasesEachCaseHasOneWinnerAndTheAuditChainHolds() throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(publishAndAwaitCase(newEvent("BH " + (7000 + i) + " RC", 0.97)).get("id").asLong());
        }
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<String> references = new CopyOnWriteArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (long id : ids) {
                for (String officer : List.of(police1, police2)) {
                    pool.submit(() -> {
                        Http.Response claim = http.post("/api/violations/" + id + "/claim", officer, null);
                        statuses.add(claim.status());
                        if (claim.status() == 200) {
                            Http.Response a = http.post("/api/violations/" + id + "/approve", officer, null);
                            if (a.status() == 200) {
                                references.add(a.json().get("ticket").get("reference").asText());
                            }
                        }
                    });
                }
            }
        }
        // each case: one claim wins; the loser is refused (409) unless the winner had already finished
        assertThat(statuses).allMatch(st -> st == 200 || st == 409);
        assertThat(references).hasSize(ids.size()).doesNotHaveDuplicates();
        for (long id : ids) {
            assertThat(count("SELECT COUNT(*) FROM tickets WHERE violation_id = " + id)).isEqualTo(1);
        }
        JsonNode verify = ok(http.get("/api/audit/verify", h.admin())).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    private long approvedTicket(String plate) {
        long id = publishAndAwaitCase(newEvent(plate, 0.96)).get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police2, null));
        return ok(http.post("/api/violations/" + id + "/approve", police2, null)).json().get("ticket").get("id").asLong();
    }

    private long count(String sql) {
        try (Connection conn = h.service().services().db().dataSource().getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            conn.rollback();
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChainRewrittenWithRecomputedHashesIsCaughtByTheSignedCheckpoint() throws Exception {
        JsonNode c = publishAndAwaitCase(newEvent("BH 3131 CP", 0.97));
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        ok(http.post("/api/violations/" + id + "/approve", police1, null)); // a ticket: a checkpoint is signed at once
        JsonNode before = ok(http.get("/api/audit/verify", h.admin())).json();
        assertThat(before.get("ok").asBoolean()).as(before.toString()).isTrue();
        JsonNode cps = before.get("checkpoints");
        assertThat(cps.get("anchored").asBoolean()).isTrue();
        assertThat(cps.get("checked").asInt()).isPositive();
        long signed = cps.get("latest_seq").asLong();
        assertThat(signed).isGreaterThan(5);
        assertThat(h.anchorStore().exists(Checkpoint.keyFor(signed))).isTrue();

        // an attacker with database access edits an entry and recomputes the whole chain after it, head included
        long victim = signed - 3;
        String original = rewriteChain(victim, "mallory");
        try {
            JsonNode after = ok(http.get("/api/audit/verify", h.admin())).json();
            assertThat(after.get("ok").asBoolean()).as(after.toString()).isFalse();
            // the SHA-256 chain alone now passes: every break comes from a signed checkpoint
            assertThat(after.get("breaks")).isNotEmpty().allSatisfy(b -> {
                assertThat(b.get("problem").asText()).contains("does not match signed checkpoint audit/checkpoints/");
                assertThat(b.get("seq").asLong()).isGreaterThanOrEqualTo(victim);
            });
            assertThat(after.get("breaks")).anySatisfy(b -> assertThat(b.get("problem").asText())
                    .contains(String.format("audit/checkpoints/%012d.json", signed)));
        } finally {
            rewriteChain(victim, original);
        }
        assertThat(ok(http.get("/api/audit/verify", h.admin())).json().get("ok").asBoolean()).isTrue();
    }

    /** What an attacker with database access does: change one entry's actor, recompute every hash after it. */
    private String rewriteChain(long victim, String actor) throws Exception {
        try (Connection conn = h.service().services().db().dataSource().getConnection(); Statement s = conn.createStatement()) {
            if (postgres()) {
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
            }
            String original;
            try (ResultSet rs = s.executeQuery("SELECT actor FROM audit_log WHERE seq = " + victim)) {
                rs.next();
                original = rs.getString(1);
            }
            s.executeUpdate("UPDATE audit_log SET actor = '" + actor + "' WHERE seq = " + victim);
            String prev;
            try (ResultSet rs = s.executeQuery("SELECT hash FROM audit_log WHERE seq = " + (victim - 1))) {
                rs.next();
                prev = rs.getString(1);
            }
            long last = victim;
            try (PreparedStatement q = conn.prepareStatement("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq");
                 PreparedStatement u = conn.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")) {
                q.setLong(1, victim);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String material = String.join("\u001f", Long.toString(rs.getLong("seq")),
                                Sql.instant(rs, "at").toString(), rs.getString("actor"),
                                rs.getString("action"), rs.getString("entity"), rs.getString("entity_id"),
                                nz(rs.getString("before_json")), nz(rs.getString("after_json")), prev);
                        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(material.getBytes(StandardCharsets.UTF_8)));
                        u.setString(1, prev);
                        u.setString(2, hash);
                        u.setLong(3, rs.getLong("seq"));
                        u.executeUpdate();
                        prev = hash;
                        last = rs.getLong("seq");
                    }
                }
            }
            s.executeUpdate("UPDATE audit_head SET last_seq = " + last + ", last_hash = '" + prev + "' WHERE id = 1");
            if (postgres()) {
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
            }
            conn.commit();
            return original;
        }
    }

    private static String nz(String v) {
        return v == null ? "\u0000" : v;
    }

    @Test
    void viewsDownloadsAndSignInsAreInTheTrailAndARepeatedClaimIsNot() {
        JsonNode c = publishAndAwaitCase(newEvent("BH 4141 AU", 0.97));
        long id = c.get("id").asLong();
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        ok(http.post("/api/violations/" + id + "/claim", police1, null));
        ok(http.get("/api/violations/" + id + "/evidence/frame_at.jpg", police1));
        long ticketId = ok(http.post("/api/violations/" + id + "/approve", police1, null)).json().get("ticket").get("id").asLong();
        ok(http.get("/api/tickets/" + ticketId + "/letter.pdf", police1));
        assertThat(http.post("/api/auth/login", null, "{\"username\":\"sari.polisi\",\"password\":\"salah-sandi-000\"}").status())
                .isEqualTo(401);
        h.login("sari.polisi", ServiceHarness.PASSWORD);

        List<String> caseActions = actions("/api/audit?entity=violation&entity_id=" + id + "&limit=1000");
        assertThat(caseActions).containsSubsequence("violation.claim", "evidence.view", "violation.approve");
        assertThat(caseActions.stream().filter("violation.claim"::equals)).as("a repeated claim by the holder").hasSize(1);
        assertThat(actions("/api/audit?entity=ticket&entity_id=" + ticketId + "&limit=1000")).contains("ticket.letter_download");
        List<JsonNode> signIns = new java.util.ArrayList<>();
        ok(http.get("/api/audit?entity=user&limit=1000", h.admin())).json().get("items").forEach(signIns::add);
        assertThat(signIns).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("auth.login_failed");
            assertThat(e.get("entity_id").asText()).isEqualTo("sari.polisi");
            assertThat(e.get("after").asText()).contains("127.0.0.1");
        });
        assertThat(signIns).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("auth.login");
            assertThat(e.get("actor").asText()).isEqualTo("sari.polisi");
        });
    }

    private List<String> actions(String path) {
        List<String> out = new java.util.ArrayList<>();
        ok(http.get(path, h.admin())).json().get("items").forEach(e -> out.add(e.get("action").asText()));
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static JsonNode readTree(byte[] b) {
        try {
            return Json.mapper().readTree(b);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
