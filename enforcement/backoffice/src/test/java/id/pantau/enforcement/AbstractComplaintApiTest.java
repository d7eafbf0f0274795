package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.enforcement.complaint.KnownCameras;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.Http;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.enforcement.support.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static id.pantau.enforcement.support.Complaints.JALAN_RUSAK;
import static id.pantau.enforcement.support.Complaints.KAWAT_LAT;
import static id.pantau.enforcement.support.Complaints.KAWAT_LON;
import static id.pantau.enforcement.support.Complaints.LAMPU_JALAN;
import static id.pantau.enforcement.support.Complaints.LAMPU_MATI;
import static id.pantau.enforcement.support.Complaints.MACET;
import static id.pantau.enforcement.support.Complaints.complaint;
import static id.pantau.enforcement.support.Complaints.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complaint API over real HTTP with real logins and API keys: intake by the integration key, idempotent updates
 * (audited), bad input refused with the field named and nothing stored, camera links by distance, the status flow,
 * privacy of the reporter's contact, counts per day as JSON and CSV. Runs on H2 and on PostgreSQL (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractComplaintApiTest {
    private final TestClock clock = new TestClock();
    private ServiceHarness h;
    private Http http;
    private InProcessEventBus bus;
    private String dishub;
    private String police;
    private String key;

    abstract EnforcementConfig withDatabase(EnforcementConfig defaults);

    /** Two cameras: one at Simpang Kawat, one 2 km north at Simpang Bank Indonesia (outside the 150 m link distance). */
    static final KnownCameras CAMERAS = () -> List.of(
            new KnownCameras.Place("simpang-kawat-n", KAWAT_LAT, KAWAT_LON, "Simpang Kawat"),
            new KnownCameras.Place("simpang-bi", KAWAT_LAT + 0.018, KAWAT_LON, "Simpang Bank Indonesia"));

    @BeforeAll
    void start(@TempDir Path dir) {
        bus = new InProcessEventBus(1000, Duration.ofMillis(100));
        h = new ServiceHarness(withDatabase(EnforcementConfig.defaults(dir)).withBcryptCost(4), bus, dir, clock, CAMERAS);
        http = h.http();
        dishub = h.user("sari.dishub", "dishub");
        police = h.user("rina.polisi", "police");
        JsonNode created = ok(http.post("/api/api-keys", h.admin(), "{\"name\":\"sikesal\"}"), 201).json();
        key = created.get("secret").asText();
        assertThat(key).startsWith("pk_");
        assertThat(created.get("key").get("key_prefix").asText()).isEqualTo(key.substring(0, 9));
    }

    @AfterAll
    void stop() {
        if (h != null) {
            h.close();
        }
        bus.close();
    }

    private static String now(int minutesAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusMinutes(minutesAgo).withNano(0).toString();
    }

    @Test
    void theIntegrationKeyFilesAComplaintThatIsLinkedToTheNearbyCameraAndShownRedactedToDishub() {
        // 50 m south of the camera: linked to it, not to the one 2 km away
        Http.Response r = http.post("/api/complaints", key, json(complaint("SKL-2026-000101", "lampu_lalu_lintas_mati",
                LAMPU_MATI, now(30), KAWAT_LAT - 0.00045, KAWAT_LON)));
        JsonNode created = ok(r, 201).json();
        assertThat(created.get("outcome").asText()).isEqualTo("created");
        JsonNode c = created.get("complaint");
        assertThat(c.get("status").asText()).isEqualTo("baru");
        assertThat(c.get("reporter_contact").asText()).as("the key is no admin").isEqualTo("[disembunyikan]");
        assertThat(c.get("cameras")).hasSize(1);
        assertThat(c.get("cameras").get(0).get("camera").asText()).isEqualTo("simpang-kawat-n");
        assertThat(c.get("cameras").get(0).get("distance_m").asDouble()).isBetween(45.0, 55.0);
        long id = c.get("id").asLong();

        JsonNode seen = ok(http.get("/api/complaints/" + id, dishub), 200).json();
        assertThat(seen.get("text").asText()).isEqualTo(LAMPU_MATI);
        assertThat(seen.get("reporter_contact").asText()).isEqualTo("[disembunyikan]");
        assertThat(seen.get("corroborated").asBoolean()).isFalse();
        JsonNode asAdmin = ok(http.get("/api/complaints/" + id, h.admin()), 200).json();
        assertThat(asAdmin.get("reporter_contact").asText()).isEqualTo("Budi Santoso, 0812-7400-1234");
        assertThat(ok(http.get("/api/audit?entity=complaint&entity_id=" + id, h.admin()), 200).json().get("items"))
                .extracting(e -> e.get("action").asText()).contains("complaint.create", "complaint.contact_view");
        // the list by camera finds it; by the other camera not
        assertThat(ids(ok(http.get("/api/complaints?camera=simpang-kawat-n", dishub), 200))).contains(id);
        assertThat(ids(ok(http.get("/api/complaints?camera=simpang-bi", dishub), 200))).doesNotContain(id);
        assertThat(ok(http.get("/api/complaints?camera=simpang-kawat-n", dishub), 200).json().get("items").get(0)
                .get("reporter_contact").asText()).isEqualTo("[disembunyikan]");
        // the board's map gets the open complaint with its point
        JsonNode board = ok(http.get("/api/complaints/board?category=lampu_lalu_lintas_mati", dishub), 200).json();
        JsonNode onMap = find(board.get("items"), id);
        assertThat(onMap.get("lat").asDouble()).isEqualTo(KAWAT_LAT - 0.00045);
        assertThat(onMap.get("area").asText()).isEqualTo("Jambi Selatan");
        assertThat(onMap.has("reporter_contact")).isFalse();
    }

    @Test
    void whoMayDoWhat() {
        String body = json(complaint("SKL-2026-000150", "jalan_rusak", JALAN_RUSAK, now(5), null, null));
        assertThat(http.post("/api/complaints", dishub, body).status()).as("dishub works complaints, does not file them").isEqualTo(403);
        assertThat(http.post("/api/complaints", null, body).status()).isEqualTo(401);
        assertThat(http.get("/api/complaints", police).status()).isEqualTo(403);
        assertThat(http.get("/api/complaints", key).status()).as("the key only files").isEqualTo(403);
        assertThat(http.get("/api/users", key).status()).isEqualTo(403);
        assertThat(http.get("/api/me", key).status()).isEqualTo(403);
        assertThat(http.post("/api/api-keys", dishub, "{\"name\":\"lain\"}").status()).isEqualTo(403);
        // an integration account is a key, never a user with a password
        Http.Response u = http.post("/api/users", h.admin(), "{\"username\":\"sikesal\",\"password\":\"rahasia-sekali-123\","
                + "\"role\":\"integration\"}");
        assertThat(u.status()).isEqualTo(400);
        assertThat(u.json().get("field").asText()).isEqualTo("role");
        // an admin may file one by hand
        assertThat(http.post("/api/complaints", h.admin(), body).status()).isEqualTo(201);
    }

    @Test
    void theSameReportTwiceIsOneComplaintAndADifferentCategoryIsAnAuditedUpdate() {
        String first = json(complaint("SKL-2026-000202", "macet", MACET, now(20), KAWAT_LAT, KAWAT_LON));
        long id = ok(http.post("/api/complaints", key, first), 201).json().get("complaint").get("id").asLong();
        JsonNode again = ok(http.post("/api/complaints", key, first), 200).json();
        assertThat(again.get("outcome").asText()).isEqualTo("unchanged");
        assertThat(again.get("complaint").get("id").asLong()).isEqualTo(id);

        Map<String, Object> changed = complaint("SKL-2026-000202", "lampu_lalu_lintas_mati", MACET, now(20), KAWAT_LAT, KAWAT_LON);
        JsonNode updated = ok(http.post("/api/complaints", key, json(changed)), 200).json();
        assertThat(updated.get("outcome").asText()).isEqualTo("updated");
        assertThat(updated.get("complaint").get("id").asLong()).isEqualTo(id);
        assertThat(updated.get("complaint").get("category").asText()).isEqualTo("lampu_lalu_lintas_mati");
        assertThat(ok(http.get("/api/complaints?limit=500", dishub), 200).json().get("items"))
                .filteredOn(n -> n.get("external_id").asText().equals("SKL-2026-000202")).hasSize(1);

        JsonNode trail = ok(http.get("/api/audit?entity=complaint&entity_id=" + id, h.admin()), 200).json().get("items");
        JsonNode update = null;
        for (JsonNode e : trail) {
            if (e.get("action").asText().equals("complaint.update")) {
                update = e;
            }
        }
        assertThat(update).as("the update is in the audit trail").isNotNull();
        assertThat(update.get("actor").asText()).isEqualTo("integration:sikesal");
        assertThat(update.get("before").asText()).contains("\"category\":\"macet\"");
        assertThat(update.get("after").asText()).contains("\"category\":\"lampu_lalu_lintas_mati\"");
        assertThat(update.toString()).doesNotContain("0812-7400-1234");
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsStored() throws Exception {
        int before = ok(http.get("/api/complaints?limit=500", dishub), 200).json().get("items").size();
        refused(complaint("SKL-BAD-1", "macet", MACET, now(1), 91.0, KAWAT_LON), "location.lat");
        refused(complaint("SKL-BAD-2", "macet", MACET, now(1), KAWAT_LAT, 181.0), "location.lon");
        refused(complaint("SKL-BAD-3", "banjir", MACET, now(1), KAWAT_LAT, KAWAT_LON), "category");
        refused(complaint("SKL-BAD-4", "macet", "macet ".repeat(10 * 1024 * 1024 / 6), now(1), KAWAT_LAT, KAWAT_LON), "text");
        Map<String, Object> notImage = complaint("SKL-BAD-5", "jalan_rusak", JALAN_RUSAK, now(1), KAWAT_LAT, KAWAT_LON);
        notImage.put("photo", Base64.getEncoder().encodeToString("%PDF-1.4 bukan foto".getBytes()));
        refused(notImage, "photo");
        Map<String, Object> cutJpeg = complaint("SKL-BAD-6", "jalan_rusak", JALAN_RUSAK, now(1), KAWAT_LAT, KAWAT_LON);
        cutJpeg.put("photo", Base64.getEncoder().encodeToString(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2}));
        refused(cutJpeg, "photo");
        refused(complaint("SKL-BAD-7", "macet", MACET, "kemarin sore", KAWAT_LAT, KAWAT_LON), "reported_at");
        Map<String, Object> bomb = complaint("SKL-BAD-10", "jalan_rusak", JALAN_RUSAK, now(1), KAWAT_LAT, KAWAT_LON);
        bomb.put("photo", Base64.getEncoder().encodeToString(pngClaiming(60_000, 60_000)));
        Http.Response big = http.post("/api/complaints", key, json(bomb));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("field").asText()).isEqualTo("photo");
        assertThat(big.json().get("message").asText()).contains("60000 x 60000 pixels");
        // a body beyond the complaint route's 16 MiB is refused with its own limit named
        Http.Response huge = http.post("/api/complaints", key, json(complaint("SKL-BAD-9", "macet",
                "x".repeat(17 * 1024 * 1024), now(1), null, null)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("message").asText()).contains(Integer.toString(16 * 1024 * 1024));
        Http.Response unknown = http.post("/api/complaints", key, json(Map.of("external_id", "SKL-BAD-8", "kategori", "macet")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("kategori");
        assertThat(ok(http.get("/api/complaints?limit=500", dishub), 200).json().get("items")).hasSize(before);
        // a duplicate id with a bad field does not touch the stored complaint
        String good = json(complaint("SKL-2026-000303", "jalan_rusak", JALAN_RUSAK, now(3), KAWAT_LAT, KAWAT_LON));
        long id = ok(http.post("/api/complaints", key, good), 201).json().get("complaint").get("id").asLong();
        refused(complaint("SKL-2026-000303", "macet", MACET, now(3), KAWAT_LAT, 200.0), "location.lon");
        assertThat(ok(http.get("/api/complaints/" + id, dishub), 200).json().get("category").asText()).isEqualTo("jalan_rusak");
    }

    @Test
    void aRotatedKeyIsReplacedAndARevokedKeyIsRefused() {
        JsonNode k = ok(http.post("/api/api-keys", h.admin(), "{\"name\":\"sikesal-cadangan\"}"), 201).json();
        long keyId = k.get("key").get("id").asLong();
        String old = k.get("secret").asText();
        String body = json(complaint("SKL-2026-000404", "lampu_jalan", LAMPU_JALAN, now(2), null, null));
        assertThat(http.post("/api/complaints", old, body).status()).isEqualTo(201);
        String rotated = ok(http.post("/api/api-keys/" + keyId + "/rotate", h.admin(), null), 200).json().get("secret").asText();
        assertThat(http.post("/api/complaints", old, body).status()).isEqualTo(401);
        assertThat(http.post("/api/complaints", rotated, body).status()).isEqualTo(200);
        ok(http.post("/api/api-keys/" + keyId + "/revoke", h.admin(), null), 200);
        Http.Response refused = http.post("/api/complaints", rotated, body);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asText()).contains("revoked");
        JsonNode keys = ok(http.get("/api/api-keys", h.admin()), 200).json().get("items");
        assertThat(keys.toString()).doesNotContain(rotated).contains("sikesal-cadangan");
        assertThat(ok(http.get("/api/audit?entity=api_key&entity_id=" + keyId, h.admin()), 200).json().get("items"))
                .extracting(e -> e.get("action").asText()).containsExactly("api_key.create", "api_key.rotate", "api_key.revoke");
    }

    @Test
    void aComplaintIsForwardedHandledAndFinishedOrRefusedWithAReasonAndEachStepIsAudited() {
        long id = ok(http.post("/api/complaints", key, json(complaint("SKL-2026-000505", "jalan_rusak", JALAN_RUSAK,
                now(60), KAWAT_LAT, KAWAT_LON))), 201).json().get("complaint").get("id").asLong();
        String path = "/api/complaints/" + id + "/status";
        Http.Response noOpd = http.post(path, dishub, "{\"status\":\"diteruskan\"}");
        assertThat(noOpd.status()).isEqualTo(400);
        assertThat(noOpd.json().get("field").asText()).isEqualTo("opd");
        assertThat(http.post(path, dishub, "{\"status\":\"selesai\"}").status()).as("baru cannot jump to selesai").isEqualTo(409);
        ok(http.post(path, dishub, "{\"status\":\"diteruskan\",\"opd\":\"Dinas PUPR Kota Jambi\"}"), 200);
        ok(http.post(path, dishub, "{\"status\":\"ditangani\"}"), 200);
        JsonNode done = ok(http.post(path, dishub, "{\"status\":\"selesai\"}"), 200).json();
        assertThat(done.get("status").asText()).isEqualTo("selesai");
        assertThat(done.get("opd").asText()).isEqualTo("Dinas PUPR Kota Jambi");
        assertThat(http.post(path, dishub, "{\"status\":\"ditangani\"}").status()).isEqualTo(409);
        assertThat(http.post(path, police, "{\"status\":\"ditolak\",\"reason\":\"x\"}").status()).isEqualTo(403);
        JsonNode trail = ok(http.get("/api/audit?entity=complaint&entity_id=" + id, h.admin()), 200).json().get("items");
        assertThat(trail).filteredOn(e -> e.get("action").asText().equals("complaint.status"))
                .extracting(e -> e.get("actor").asText()).containsExactly("sari.dishub", "sari.dishub", "sari.dishub");

        long other = ok(http.post("/api/complaints", key, json(complaint("SKL-2026-000506", "lainnya",
                "Pengamen di lampu merah Simpang Kawat terlalu banyak. (teks uji)", now(60), null, null))), 201)
                .json().get("complaint").get("id").asLong();
        Http.Response noReason = http.post("/api/complaints/" + other + "/status", dishub, "{\"status\":\"ditolak\"}");
        assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
        JsonNode refused = ok(http.post("/api/complaints/" + other + "/status", dishub,
                "{\"status\":\"ditolak\",\"reason\":\"Bukan kewenangan Dishub; diteruskan ke Satpol PP\"}"), 200).json();
        assertThat(refused.get("status_reason").asText()).startsWith("Bukan kewenangan");
        assertThat(ids(ok(http.get("/api/complaints?status=terbuka&limit=500", dishub), 200))).doesNotContain(id, other);
        assertThat(http.get("/api/complaints?status=hilang", dishub).json().get("field").asText()).isEqualTo("status");
    }

    @Test
    void aPhotoIsKeptAsSentAndServedBack() throws Exception {
        byte[] jpeg = Files.readAllBytes(ServiceHarness.realJpegs().getFirst());
        Map<String, Object> c = complaint("SKL-2026-000606", "jalan_rusak", JALAN_RUSAK, now(10), KAWAT_LAT, KAWAT_LON);
        c.put("photo", Base64.getEncoder().encodeToString(jpeg));
        JsonNode created = ok(http.post("/api/complaints", key, json(c)), 201).json().get("complaint");
        assertThat(created.get("has_photo").asBoolean()).isTrue();
        Http.Response photo = ok(http.get("/api/complaints/" + created.get("id").asLong() + "/photo", dishub), 200);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.body()).isEqualTo(jpeg);
    }

    @Test
    void countsPerCategoryPerDayAreJsonAndCsv() {
        String day = "2026-11-20";
        for (int i = 0; i < 3; i++) {
            ok(http.post("/api/complaints", key, json(complaint("SKL-HARI-" + i, i < 2 ? "macet" : "lampu_jalan",
                    i < 2 ? MACET : LAMPU_JALAN, day + "T0" + (7 + i) + ":00:00+07:00", null, null))), 201);
        }
        // 23:30 WIB on the 20th is the 20th in WIB although it is 16:30 UTC
        ok(http.post("/api/complaints", key, json(complaint("SKL-HARI-malam", "macet", MACET, day + "T23:30:00+07:00",
                null, null))), 201);
        JsonNode series = ok(http.get("/api/complaints/daily?from=2026-11-19&to=2026-11-21", dishub), 200).json();
        assertThat(series.get("days")).hasSize(3);
        JsonNode d20 = series.get("days").get(1);
        assertThat(d20.get("day").asText()).isEqualTo(day);
        assertThat(d20.get("counts").get("macet").asLong()).isEqualTo(3);
        assertThat(d20.get("counts").get("lampu_jalan").asLong()).isEqualTo(1);
        assertThat(d20.get("total").asLong()).isEqualTo(4);
        assertThat(series.get("days").get(2).get("total").asLong()).isZero();
        Http.Response csv = ok(http.get("/api/complaints/daily.csv?from=2026-11-19&to=2026-11-21", dishub), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("tanggal,macet,lampu_lalu_lintas_mati,jalan_rusak,lampu_jalan,lainnya,jumlah\r\n")
                .contains("2026-11-20,3,0,0,1,0,4\r\n").contains("2026-11-21,0,0,0,0,0,0\r\n");
        assertThat(http.get("/api/complaints/daily?from=20-11-2026", dishub).json().get("field").asText()).isEqualTo("from");
        assertThat(LocalDate.parse(ok(http.get("/api/complaints/daily", dishub), 200).json().get("to").asText()))
                .isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Jakarta")));
    }

    /** A real 1 x 1 PNG whose header is rewritten to claim a vast size (with a correct checksum): a few bytes. */
    private static byte[] pngClaiming(int width, int height) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        byte[] png = out.toByteArray();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        b.putInt(16, width).putInt(20, height);   // IHDR data starts after the 8-byte signature, length and type
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);                   // "IHDR" and its 13 data bytes
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    private void refused(Map<String, Object> body, String field) {
        Http.Response r = http.post("/api/complaints", key, json(body));
        assertThat(r.status()).as("%s: %s", field, r.text().length() > 300 ? r.text().substring(0, 300) : r.text()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("message").asText()).contains(field);
    }

    private static List<Long> ids(Http.Response r) {
        return java.util.stream.StreamSupport.stream(r.json().get("items").spliterator(), false)
                .map(n -> n.get("id").asLong()).toList();
    }

    private static JsonNode find(JsonNode items, long id) {
        for (JsonNode n : items) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        throw new AssertionError("complaint " + id + " not in " + items);
    }

    private static Http.Response ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }
}
