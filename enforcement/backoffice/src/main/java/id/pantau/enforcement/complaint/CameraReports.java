package id.pantau.enforcement.complaint;

import id.pantau.core.event.SignalFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A camera's own report: when a camera sees its traffic light dead or stuck, a complaint (source {@code kamera})
 * is opened and forwarded to the agency at once, so the light is known to be out before a citizen complains. One
 * open report per camera: a fault raised again while the report is open only adds to its confirming alerts.
 */
public final class CameraReports {
    private static final Logger log = LoggerFactory.getLogger(CameraReports.class);
    private static final DateTimeFormatter WIB_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'WIB'",
            Locale.forLanguageTag("id-ID")).withZone(ComplaintCounts.WIB);

    private final ComplaintStore store;
    private final KnownCameras cameras;
    private final String opd;

    public CameraReports(ComplaintStore store, KnownCameras cameras, String opd) {
        this.store = store;
        this.cameras = cameras;
        this.opd = opd;
    }

    private static final String[] FROM = {"utara", "timur laut", "timur", "tenggara", "selatan", "barat daya", "barat",
            "barat laut"};

    /**
     * ", pendekat north (dari selatan)": the approach by its id, and where its traffic comes from when the camera's
     * configuration gives the approach's heading (traffic heading north comes from the south).
     */
    static String approach(String id, KnownCameras.Place place) {
        if (id == null) {
            return "";
        }
        Double heading = place == null ? null : place.headings().get(id);
        if (heading == null) {
            return ", pendekat " + id;
        }
        int sector = (int) Math.round(((heading + 180) % 360) / 45.0) % 8;
        return ", pendekat " + id + " (dari " + FROM[sector] + ")";
    }

    void signalFault(SignalFault fault, CameraAlert alert) {
        // check-then-open is safe: the bus hands one camera's events (its key) to one handler, in order
        if (store.openCameraReport(fault.camera(), ComplaintCategory.LAMPU_LALU_LINTAS_MATI)) {
            return;
        }
        KnownCameras.Place place = cameras.places().stream().filter(p -> p.camera().equals(fault.camera())).findFirst()
                .orElse(null);
        String where = place != null && place.location() != null ? place.location() : "kamera " + fault.camera();
        String what = switch (fault.fault()) {
            case DARK -> "mati (semua lampu padam)";
            case STUCK -> "macet (tidak berganti warna)";
        };
        String text = "Laporan otomatis kamera " + fault.camera() + ": lampu lalu lintas di " + where
                + approach(fault.approach(), place) + " terdeteksi " + what + " sejak " + WIB_TIME.format(fault.time()) + ".";
        ValidComplaint report = new ValidComplaint("kamera:" + fault.eventId(), ComplaintCategory.LAMPU_LALU_LINTAS_MATI,
                text, alert.occurredAt(), place == null ? null : place.lat(), place == null ? null : place.lon(),
                where, null, null, null);
        ComplaintStore.Intake intake = store.upsert(ComplaintStore.SYSTEM, "kamera", report, ComplaintStatus.DITERUSKAN,
                opd, fault.camera());
        log.info("camera {} reported its dead traffic light to {}: complaint {}", fault.camera(), opd,
                intake.complaint().id());
    }
}
