package id.pantau.enforcement;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.LevelOfService;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalFault;
import id.pantau.core.event.SignalFaultKind;
import id.pantau.core.json.Json;
import id.pantau.enforcement.complaint.ComplaintSettings;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static id.pantau.enforcement.support.Complaints.KAWAT_LAT;
import static id.pantau.enforcement.support.Complaints.KAWAT_LON;
import static id.pantau.enforcement.support.Complaints.LAMPU_MATI;
import static id.pantau.enforcement.support.Complaints.MACET;
import static id.pantau.enforcement.support.Complaints.complaint;
import static id.pantau.enforcement.support.Complaints.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Complaints and the cameras meeting on the bus: a camera's signal fault confirms the traffic-light complaint near it
 * (with the camera's snapshot) and opens the camera's own report, forwarded to Dishub, once; a congestion alert that
 * came first confirms a congestion complaint that arrives after it; alerts of far cameras or outside the window do
 * not; every complaint is published on pantau.complaints keyed by area, its contact redacted. Runs on the in-process
 * bus and on Kafka (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractComplaintBusTest {
    private final TestClock clock = new TestClock();
    private final EventCodec codec = new EventCodec();
    private final List<BusRecord> published = new CopyOnWriteArrayList<>();
    private ServiceHarness h;
    private Http http;
    private EventBus bus;
    private EventBus.Subscription board;
    private ComplaintSettings settings;
    private String dishub;
    private String key;
    private byte[] snapshot;

    abstract EventBus openBus();

    /** The topics the test uses (a shared Kafka broker keeps each run's own). */
    abstract ComplaintSettings topics(ComplaintSettings defaults);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        snapshot = Files.readAllBytes(ServiceHarness.realJpegs().get(1));
        KnownCameras cameras = new KnownCameras() {
            @Override
            public List<Place> places() {
                // the approach 'north' carries traffic heading south (180 degrees): it comes from the north
                return List.of(new Place("simpang-kawat-n", KAWAT_LAT, KAWAT_LON, "Simpang Kawat", java.util.Map.of("north", 180.0)),
                        new Place("simpang-bi", KAWAT_LAT + 0.018, KAWAT_LON, "Simpang Bank Indonesia"));
            }

            @Override
            public byte[] snapshot(String camera) {
                return camera.equals("simpang-kawat-n") ? snapshot : null;
            }
        };
        bus = openBus();
        settings = topics(ComplaintSettings.defaults());
        EnforcementConfig config = EnforcementConfig.defaults(dir).withBcryptCost(4).withComplaints(settings);
        h = new ServiceHarness(config, bus, dir, clock, cameras);
        http = h.http();
        board = bus.subscribe(settings.complaintsTopic(), "board-test", published::add);
        dishub = h.user("sari.dishub", "dishub");
        key = http.post("/api/api-keys", h.admin(), "{\"name\":\"sikesal\"}").json().get("secret").asText();
    }

    @AfterAll
    void stop() {
        if (board != null) {
            board.close();
        }
        if (h != null) {
            h.close();
        }
        bus.close();
    }

    private static OffsetDateTime minutesAgo(int m) {
        return OffsetDateTime.now(ZoneOffset.ofHours(7)).minusMinutes(m).withNano(0);
    }

    private void publish(PipelineEvent e) {
        bus.publish(settings.eventsTopic(), e.camera(), codec.encode(e)).toCompletableFuture().join();
    }

    private long file(String id, String category, String text, int minutesAgo, double lat, double lon) {
        Http.Response r = http.post("/api/complaints", key, json(complaint(id, category, text,
                minutesAgo(minutesAgo).toString(), lat, lon)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("complaint").get("id").asLong();
    }

    private JsonNode shown(long id) {
        return http.get("/api/complaints/" + id, dishub).json();
    }

    @Test
    void aSignalFaultConfirmsTheComplaintNearItAndOpensOneCameraReportForDishub() {
        long near = file("SKL-BUS-LAMPU-1", "lampu_lalu_lintas_mati", LAMPU_MATI, 10, KAWAT_LAT - 0.0003, KAWAT_LON);
        long far = file("SKL-BUS-LAMPU-2", "lampu_lalu_lintas_mati", LAMPU_MATI, 10, KAWAT_LAT + 0.018, KAWAT_LON);
        long old = file("SKL-BUS-LAMPU-3", "lampu_lalu_lintas_mati", LAMPU_MATI, 200, KAWAT_LAT, KAWAT_LON);
        assertThat(shown(near).get("corroborated").asBoolean()).isFalse();

        SignalFault fault = new SignalFault("simpang-kawat-n:signal_fault:north:1", "simpang-kawat-n", 3, minutesAgo(5),
                "north", SignalFaultKind.DARK, AlertState.RAISED, "all lamps off for 12 s", 4410);
        publish(fault);
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(near).get("corroborated").asBoolean());
        JsonNode confirmed = shown(near).get("corroborations").get(0);
        assertThat(confirmed.get("event_id").asText()).isEqualTo(fault.eventId());
        assertThat(confirmed.get("type").asText()).isEqualTo("signal_fault");
        assertThat(confirmed.get("subject").asText()).isEqualTo("north");
        assertThat(confirmed.get("has_snapshot").asBoolean()).isTrue();
        Http.Response jpeg = http.get("/api/camera-alerts/" + fault.eventId() + "/snapshot", dishub);
        assertThat(jpeg.status()).isEqualTo(200);
        assertThat(jpeg.body()).isEqualTo(snapshot);
        assertThat(shown(far).get("corroborated").asBoolean()).as("2 km away: another camera").isFalse();
        assertThat(shown(old).get("corroborated").asBoolean()).as("200 min before: outside the window").isFalse();

        // the camera's own report: forwarded to Dishub, linked to the camera, confirmed by the fault
        JsonNode reports = cameraReports();
        assertThat(reports).hasSize(1);
        JsonNode report = reports.get(0);
        assertThat(report.get("status").asText()).isEqualTo("diteruskan");
        assertThat(report.get("opd").asText()).isEqualTo("Dishub Kota Jambi");
        assertThat(report.get("text").asText()).contains("Simpang Kawat").contains("pendekat north (dari utara)").contains("mati")
                .contains("WIB");
        assertThat(report.get("cameras").get(0).get("camera").asText()).isEqualTo("simpang-kawat-n");
        assertThat(report.get("corroborated").asBoolean()).isTrue();

        // the same event again (at-least-once) and a second fault while the report is open: still one report
        publish(fault);
        SignalFault again = new SignalFault("simpang-kawat-n:signal_fault:north:2", "simpang-kawat-n", 3, minutesAgo(2),
                "north", SignalFaultKind.STUCK, AlertState.RAISED, null, 5120);
        publish(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> shown(near).get("corroborations").size() == 2);
        assertThat(cameraReports()).hasSize(1);
        assertThat(shown(cameraReports().get(0).get("id").asLong()).get("corroborations")).hasSize(2);
        JsonNode trail = http.get("/api/audit?entity=complaint&entity_id=" + near, h.admin()).json().get("items");
        assertThat(trail).filteredOn(e -> e.get("action").asText().equals("complaint.corroborate"))
                .extracting(e -> e.get("actor").asText()).containsExactly("pantau", "pantau");
    }

    @Test
    void aCongestionAlertThatCameFirstConfirmsTheComplaintThatArrivesAfterIt() {
        CongestionAlert jam = new CongestionAlert("simpang-kawat-n:congestion_alert:zone-n:1", "simpang-kawat-n", 3,
                minutesAgo(30), "zone-n", AlertState.RAISED, LevelOfService.F, 91.5, 3.2);
        publish(jam);
        CongestionAlert cleared = new CongestionAlert("simpang-kawat-n:congestion_alert:zone-n:2", "simpang-kawat-n", 3,
                minutesAgo(25), "zone-n", AlertState.CLEARED, LevelOfService.D, 40, 18.0);
        publish(cleared);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long id = file("SKL-BUS-MACET-" + System.nanoTime(), "macet", MACET, 20, KAWAT_LAT, KAWAT_LON);
            return shown(id).get("corroborated").asBoolean();
        });
        long id = file("SKL-BUS-MACET-1", "macet", MACET, 20, KAWAT_LAT, KAWAT_LON);
        JsonNode c = shown(id);
        assertThat(c.get("corroborations")).hasSize(1);
        assertThat(c.get("corroborations").get(0).get("detail").asText()).isEqualTo("LOS F, 92% terisi, 3 km/jam");
        // a signal fault does not confirm a congestion complaint, nor a congestion alert a dead-light complaint
        long light = file("SKL-BUS-LAMPU-9", "lampu_lalu_lintas_mati", LAMPU_MATI, 20, KAWAT_LAT, KAWAT_LON);
        assertThat(shown(light).get("corroborations").toString()).doesNotContain("congestion_alert");
    }

    @Test
    void everyComplaintIsPublishedKeyedByAreaWithTheContactRedacted() throws Exception {
        long id = file("SKL-BUS-PUB-1", "jalan_rusak", "Jalan amblas di Jl. Hayam Wuruk. (teks uji)", 5, KAWAT_LAT, KAWAT_LON);
        await().atMost(Duration.ofSeconds(30)).until(() -> published.stream().anyMatch(r -> r.key().equals("Jambi Selatan")
                && new String(r.value()).contains("\"external_id\":\"SKL-BUS-PUB-1\"")));
        BusRecord r = published.stream().filter(x -> new String(x.value()).contains("SKL-BUS-PUB-1")).findFirst().orElseThrow();
        JsonNode payload = Json.mapper().readTree(r.value());
        assertThat(payload.get("id").asLong()).isEqualTo(id);
        assertThat(payload.get("reporter_contact").asText()).isEqualTo("[disembunyikan]");
        assertThat(new String(r.value())).doesNotContain("0812-7400-1234");
        // a status change is published too
        assertThat(http.post("/api/complaints/" + id + "/status", dishub,
                "{\"status\":\"diteruskan\",\"opd\":\"Dinas PUPR Kota Jambi\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> published.stream().anyMatch(x ->
                new String(x.value()).contains("SKL-BUS-PUB-1") && new String(x.value()).contains("\"status\":\"diteruskan\"")));
    }

    private JsonNode cameraReports() {
        JsonNode all = http.get("/api/complaints?camera=simpang-kawat-n&limit=500", dishub).json().get("items");
        return Json.mapper().valueToTree(java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(n -> n.get("source").asText().equals("kamera")).toList());
    }
}
