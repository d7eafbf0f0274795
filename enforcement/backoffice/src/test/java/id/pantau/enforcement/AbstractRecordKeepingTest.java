package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.core.json.Json;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.support.Http;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.enforcement.support.TestClock;
import id.pantau.enforcement.ticket.TicketIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the back office keeps when things go wrong: a record the database refuses is a dead letter (kept, counted,
 * replayable) and never blocks the camera's next violations; ticket numbers stay gapless and monotonic per year
 * through rolled-back approvals. Runs on H2 and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRecordKeepingTest {
    private final TestClock clock = new TestClock();
    private ServiceHarness h;
    private Http http;
    private String police;
    private InProcessEventBus bus;

    abstract EnforcementConfig withDatabase(EnforcementConfig defaults);

    @BeforeAll
    void start(@TempDir Path dir) {
        bus = new InProcessEventBus(1000, Duration.ofMillis(100));
        h = new ServiceHarness(withDatabase(EnforcementConfig.defaults(dir)).withBcryptCost(4), bus, dir, clock);
        http = h.http();
        police = h.user("rina.polisi", "police");
    }

    @AfterAll
    void stop() {
        if (h != null) {
            h.close();
        }
        bus.close();
    }

    @Test
    void aRecordTheDatabaseRefusesIsADeadLetterAndTheCamerasNextViolationIsStored() throws Exception {
        // the defect: a 235-character location (accepted by an old camera config) failed every insert, retried forever
        ObjectNode tooLong = (ObjectNode) Json.mapper().readTree(h.event("cam-dl", 501, "BH 1234 AB", 0.95));
        tooLong.put("location", "Simpang ".repeat(29) + "Kawat");
        assertThat(tooLong.get("location").asText()).hasSizeGreaterThan(200);
        String good = h.event("cam-dl", 502, "BH 5678 CD", 0.95);
        long before = h.service().services().deadLetters().open();

        h.publish(Json.mapper().writeValueAsString(tooLong));
        h.publish(good);

        // the partition moved on: the next violation of the same camera is a case
        await().atMost(Duration.ofSeconds(10)).until(() -> caseOf(ServiceHarness.eventId(good)) != null);
        assertThat(h.registry().counter("pantau.enforcement.violations.received", "outcome", "refused").count()).isEqualTo(1);
        assertThat(h.service().health().openDeadLetters()).isEqualTo(before + 1);

        JsonNode list = ok(http.get("/api/dead-letters", h.admin())).json();
        JsonNode refused = last(list.get("items"));
        assertThat(refused.get("kind").asText()).isEqualTo("refused");
        assertThat(refused.get("error").asText()).as("names the violation and the column").contains(
                ServiceHarness.eventId(good).replace("502", "501")).containsIgnoringCase("location");
        assertThat(refused.get("payload").asText()).contains("Simpang Simpang");
        // the same reason as a stable code with its values, for the console to say in the reader's language
        assertThat(refused.get("reason_code").asText()).isEqualTo("refused");
        assertThat(refused.get("reason_params").get("event_id").asText()).isEqualTo(tooLong.get("event_id").asText());
        assertThat(refused.get("reason_params").get("fields")).extracting(JsonNode::asText).contains("location");
        assertThat(http.get("/api/dead-letters", police).status()).as("police do not manage dead letters").isEqualTo(403);

        // the cause is fixed (the column widened by a migration an admin ran): a replay makes the case, once
        try (var c = h.service().services().db().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE violations ALTER COLUMN location SET DATA TYPE VARCHAR(400)");
            c.commit();
        }
        long id = refused.get("id").asLong();
        JsonNode replayed = ok(http.post("/api/dead-letters/" + id + "/replay", h.admin(), null)).json();
        assertThat(replayed.get("resolution").asText()).contains("created");
        assertThat(caseOf(tooLong.get("event_id").asText())).isNotNull();
        assertThat(http.post("/api/dead-letters/" + id + "/replay", h.admin(), null).status())
                .as("a resolved dead letter is not replayed twice").isEqualTo(409);
        assertThat(h.service().health().openDeadLetters()).isEqualTo(before);
    }

    @Test
    void anInvalidEventIsADeadLetterAnAdminCanDismissWithAReason() {
        h.publish("{\"type\":\"red_light_violation\",\"camera\":\"cam-dl2\",\"event_id\":\"cam-dl2:x\"}");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                h.registry().counter("pantau.enforcement.violations.received", "outcome", "invalid").count() >= 1);
        JsonNode item = last(ok(http.get("/api/dead-letters", h.admin())).json().get("items"));
        assertThat(item.get("kind").asText()).isEqualTo("invalid");
        assertThat(item.get("error").asText()).contains("time is required");
        assertThat(item.get("reason_code").asText()).isEqualTo("rejected");
        assertThat(item.get("reason_params").get("event_id").asText()).isEqualTo("cam-dl2:x");
        assertThat(item.get("reason_params").get("fields")).extracting(JsonNode::asText).containsExactly("time");
        long id = item.get("id").asLong();
        assertThat(http.post("/api/dead-letters/" + id + "/dismiss", h.admin(), "{\"note\":\"\"}").status()).isEqualTo(400);
        JsonNode dismissed = ok(http.post("/api/dead-letters/" + id + "/dismiss", h.admin(),
                "{\"note\":\"uji kamera lama, bukan pelanggaran\"}")).json();
        assertThat(dismissed.get("resolution").asText()).contains("dismissed by admin").contains("uji kamera lama");
        JsonNode audit = ok(http.get("/api/audit?entity=dead_letter&entity_id=" + id, h.admin())).json();
        assertThat(audit.get("items")).hasSize(1);
    }

    @Test
    void ticketNumbersHaveNoGapsWhenAnApprovalRollsBack() {
        String first = approveNewCase(601);
        // an approval that takes a number and then fails (a crash mid-transaction is the same rollback)
        Database db = h.service().services().db();
        int year = Integer.parseInt(first.split("-")[first.split("-").length - 2]);
        assertThatThrownBy(() -> db.inTransaction(c -> {
            TicketIssuer.nextNumber(c, year);
            throw new IllegalStateException("crash after numbering");
        })).hasMessageContaining("crash after numbering");
        String second = approveNewCase(602);
        assertThat(number(second)).as(first + " then " + second).isEqualTo(number(first) + 1);
    }

    @Test
    void eachYearNumbersFromOne() {
        List<Long> numbers = new ArrayList<>();
        Database db = h.service().services().db();
        // in a transaction that rolls back, so the real counters stay as they are
        assertThatThrownBy(() -> db.inTransaction(c -> {
            numbers.add(TicketIssuer.nextNumber(c, 2031));
            numbers.add(TicketIssuer.nextNumber(c, 2031));
            numbers.add(TicketIssuer.nextNumber(c, 2032));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(numbers).containsExactly(1L, 2L, 1L);
    }

    @Test
    void theLetterSpeaksIndonesianNamesItsOfficerCarriesAQrCodeAndOpensUnderItsReference() throws Exception {
        String reference = approveNewCase(701);
        long ticketId = -1;
        for (JsonNode t : ok(http.get("/api/tickets?limit=500", police)).json().get("items")) {
            if (t.get("reference").asText().equals(reference)) {
                ticketId = t.get("id").asLong();
            }
        }
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(http.url("/api/tickets/" + ticketId + "/letter.pdf")))
                .header("Authorization", "Bearer " + police).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-disposition")).hasValue(
                "inline; filename=\"surat-konfirmasi-" + reference + ".pdf\"");
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(r.body());
        StringBuilder text = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(p)).append('\n');
        }
        String letter = text.toString().replaceAll("\\s+", " ");
        assertThat(letter).contains("Sepeda motor", "dari arah utara", "Petugas rina.polisi",
                "Foto 2: saat melewati garis henti", "Kode QR: nomor referensi " + reference);
        assertThat(letter).doesNotContain("motorcycle", "frame_at.jpg", "(arah north)");
    }

    private String approveNewCase(long track) {
        String event = h.event("cam-tn", track, "BH 42" + track + " ZZ", 0.99);
        h.publish(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> caseOf(ServiceHarness.eventId(event)) != null);
        long id = caseOf(ServiceHarness.eventId(event));
        ok(http.post("/api/violations/" + id + "/claim", police, null));
        ok(http.post("/api/violations/" + id + "/approve", police, null));
        JsonNode tickets = ok(http.get("/api/tickets?limit=500", police)).json().get("items");
        for (JsonNode t : tickets) {
            if (t.get("violation_id").asLong() == id) {
                return t.get("reference").asText();
            }
        }
        throw new AssertionError("no ticket for case " + id + " in " + tickets);
    }

    private static long number(String reference) {
        return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
    }

    private Long caseOf(String eventId) {
        JsonNode items = ok(http.get("/api/violations?limit=500&status=pending", police)).json().get("items");
        for (JsonNode i : items) {
            if (eventId.equals(i.get("event_id").asText())) {
                return i.get("id").asLong();
            }
        }
        return null;
    }

    private static JsonNode last(JsonNode items) {
        assertThat(items.size()).isGreaterThan(0);
        return items.get(items.size() - 1);
    }

    private static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.text()).isBetween(200, 299);
        return r;
    }
}
