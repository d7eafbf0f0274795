package id.pantau.enforcement.complaint;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.pantau.core.json.Json;
import id.pantau.enforcement.EnforcementException;
import id.pantau.enforcement.audit.AuditTrail;
import id.pantau.enforcement.db.Database;
import id.pantau.enforcement.db.DatabaseException;
import id.pantau.enforcement.db.Sql;
import id.pantau.enforcement.ticket.Outbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Complaints in the database. Each change (intake, update, status, corroboration) is one transaction together with
 * its audit entry and its message for {@code pantau.complaints} (the outbox), so nothing is half-stored and nothing
 * stored goes unpublished.
 */
public final class ComplaintStore {
    /** The audit actor of what the node does by itself (corroboration, a camera's own report). */
    public static final String SYSTEM = "pantau";
    /** The bus key of a complaint that names no area. */
    public static final String NO_AREA = "tanpa-area";
    static final String OPEN = "('baru','diteruskan','ditangani')";

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Intake(Outcome outcome, Complaint complaint) {
    }

    /**
     * @param status  a status, or {@code terbuka} for every open one, or null for all
     * @param camera  complaints linked to this camera
     */
    public record Filter(ComplaintCategory category, String status, String camera, String area, Instant from, Instant to,
                         int limit, int offset) {
    }

    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final ComplaintSettings settings;
    private final CameraLinker linker;

    public ComplaintStore(Database db, AuditTrail audit, Clock clock, ComplaintSettings settings, CameraLinker linker) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.linker = linker;
    }

    /**
     * Stores a complaint; the same {@code external_id} again updates it (never a second row), audited with what was
     * before and after. An update without a photo keeps the stored photo; the status is never changed by intake.
     *
     * @param source        sikesal, or kamera for a camera's own report
     * @param initialStatus the status of a new complaint
     * @param opd           the agency of a new complaint that starts forwarded, else null
     */
    public Intake upsert(String actor, String source, ValidComplaint v, ComplaintStatus initialStatus, String opd) {
        return upsert(actor, source, v, initialStatus, opd, null);
    }

    /**
     * As {@link #upsert(String, String, ValidComplaint, ComplaintStatus, String)}; {@code reportingCamera} (may be
     * null) is linked at 0 m whatever its position, since it is the camera that saw the problem.
     */
    public Intake upsert(String actor, String source, ValidComplaint v, ComplaintStatus initialStatus, String opd,
                         String reportingCamera) {
        List<CameraLinker.Link> found = linker.link(v.lat(), v.lon());
        List<CameraLinker.Link> links = found;
        if (reportingCamera != null) {
            links = new ArrayList<>(List.of(new CameraLinker.Link(reportingCamera, 0)));
            found.stream().filter(l -> !l.camera().equals(reportingCamera)).forEach(links::add);
        }
        List<CameraLinker.Link> linked = links;
        try {
            return db.inTransaction(c -> upsert(c, actor, source, v, initialStatus, opd, linked));
        } catch (DatabaseException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // the same report arrived twice at once and the other insert won: this one is now an update
            return db.inTransaction(c -> upsert(c, actor, source, v, initialStatus, opd, linked));
        }
    }

    private Intake upsert(Connection c, String actor, String source, ValidComplaint v, ComplaintStatus initialStatus,
                          String opd, List<CameraLinker.Link> links) throws SQLException {
        Long id = idOf(c, v.externalId());
        Instant now = clock.instant();
        if (id == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaints (external_id, source, category, text,"
                    + " reported_at, lat, lon, address, area, reporter_contact, status, opd, received_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, v.externalId());
                ps.setString(2, source);
                setFields(ps, 3, v);
                ps.setString(11, initialStatus.wire());
                ps.setString(12, opd);
                Sql.setInstant(ps, 13, now);
                Sql.setInstant(ps, 14, now);
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            if (v.photo() != null) {
                putPhoto(c, id, v.photo());
            }
            relink(c, id, links);
            corroborateFromAlerts(c, id, v.category(), v.reportedAt(), links);
            Complaint after = load(c, id);
            audit.append(c, actor, "complaint.create", "complaint", Long.toString(id), null, auditView(c, after));
            publish(c, after, now);
            return new Intake(Outcome.CREATED, after);
        }
        Complaint before = load(c, id);
        Map<String, Object> beforeView = auditView(c, before);
        boolean same = Objects.equals(before.category(), v.category().wire()) && before.text().equals(v.text())
                && before.reportedAt().equals(v.reportedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                && Objects.equals(before.location(), new Complaint.Location(v.lat(), v.lon(), v.address()))
                && Objects.equals(before.area(), v.area()) && Objects.equals(before.reporterContact(), v.reporterContact())
                && (v.photo() == null || Objects.equals(beforeView.get("photo_sha256"), sha256(v.photo().bytes())));
        if (same) {
            return new Intake(Outcome.UNCHANGED, before);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE complaints SET category = ?, text = ?, reported_at = ?,"
                + " lat = ?, lon = ?, address = ?, area = ?, reporter_contact = ?, updated_at = ? WHERE id = ?")) {
            setFields(ps, 1, v);
            Sql.setInstant(ps, 9, now);
            ps.setLong(10, id);
            ps.executeUpdate();
        }
        if (v.photo() != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM complaint_photos WHERE complaint_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            putPhoto(c, id, v.photo());
        }
        relink(c, id, links);
        corroborateFromAlerts(c, id, v.category(), v.reportedAt(), links);
        Complaint after = load(c, id);
        audit.append(c, actor, "complaint.update", "complaint", Long.toString(id), beforeView, auditView(c, after));
        publish(c, after, now);
        return new Intake(Outcome.UPDATED, after);
    }

    /** Sets category .. reporter_contact (8 parameters from {@code i}). */
    private static void setFields(PreparedStatement ps, int i, ValidComplaint v) throws SQLException {
        ps.setString(i, v.category().wire());
        ps.setString(i + 1, v.text());
        Sql.setInstant(ps, i + 2, v.reportedAt());
        setDouble(ps, i + 3, v.lat());
        setDouble(ps, i + 4, v.lon());
        ps.setString(i + 5, v.address());
        ps.setString(i + 6, v.area());
        ps.setString(i + 7, v.reporterContact());
    }

    private static void setDouble(PreparedStatement ps, int i, Double d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, d);
        }
    }

    private static void putPhoto(Connection c, long id, ValidComplaint.Photo photo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaint_photos (complaint_id, media_type, bytes)"
                + " VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, photo.mediaType());
            ps.setBytes(3, photo.bytes());
            ps.executeUpdate();
        }
    }

    private static void relink(Connection c, long id, List<CameraLinker.Link> links) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM complaint_cameras WHERE complaint_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaint_cameras (complaint_id, camera, distance_m)"
                + " VALUES (?, ?, ?)")) {
            for (CameraLinker.Link l : links) {
                ps.setLong(1, id);
                ps.setString(2, l.camera());
                ps.setDouble(3, l.distanceM());
                ps.addBatch();
            }
            if (!links.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /** Confirms a complaint by alerts its linked cameras raised within the window around its report; returns how many. */
    private int corroborateFromAlerts(Connection c, long id, ComplaintCategory category, Instant reportedAt,
                                      List<CameraLinker.Link> links) throws SQLException {
        if (category.corroboratingEvent() == null || links.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (CameraLinker.Link l : links) {
            List<String> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM camera_alerts a WHERE camera = ? AND type = ?"
                    + " AND occurred_at BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM complaint_corroborations cc"
                    + " WHERE cc.complaint_id = ? AND cc.event_id = a.event_id)")) {
                ps.setString(1, l.camera());
                ps.setString(2, category.corroboratingEvent());
                Sql.setInstant(ps, 3, reportedAt.minus(settings.corroborationWindow()));
                Sql.setInstant(ps, 4, reportedAt.plus(settings.corroborationWindow()));
                ps.setLong(5, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(rs.getString(1));
                    }
                }
            }
            for (String e : events) {
                addCorroboration(c, id, e);
                n++;
            }
        }
        return n;
    }

    private void addCorroboration(Connection c, long complaintId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaint_corroborations (complaint_id, event_id, found_at)"
                + " VALUES (?, ?, ?)")) {
            ps.setLong(1, complaintId);
            ps.setString(2, eventId);
            Sql.setInstant(ps, 3, clock.instant());
            ps.executeUpdate();
        }
    }

    /**
     * Keeps a camera alert (once per event id: the bus is at-least-once) and confirms the open complaints linked to
     * its camera, of the category it confirms, reported within the window around it; each is audited and published.
     *
     * @return the ids of the complaints it confirmed now (empty for an alert seen before)
     */
    public List<Long> recordAlert(CameraAlert alert, byte[] snapshot) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM camera_alerts WHERE event_id = ?")) {
                ps.setString(1, alert.eventId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return List.<Long>of();
                    }
                }
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO camera_alerts (event_id, type, camera, occurred_at,"
                    + " subject, detail, snapshot, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, alert.eventId());
                ps.setString(2, alert.type());
                ps.setString(3, alert.camera());
                Sql.setInstant(ps, 4, alert.occurredAt());
                ps.setString(5, alert.subject());
                ps.setString(6, alert.detail());
                if (snapshot == null) {
                    ps.setNull(7, Types.BINARY);
                } else {
                    ps.setBytes(7, snapshot);
                }
                Sql.setInstant(ps, 8, now);
                ps.executeUpdate();
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id FROM complaints c JOIN complaint_cameras l"
                    + " ON l.complaint_id = c.id WHERE l.camera = ? AND c.category = ? AND c.status IN " + OPEN
                    + " AND c.reported_at BETWEEN ? AND ? ORDER BY c.id")) {
                ps.setString(1, alert.camera());
                ps.setString(2, categoryConfirmedBy(alert.type()));
                Sql.setInstant(ps, 3, alert.occurredAt().minus(settings.corroborationWindow()));
                Sql.setInstant(ps, 4, alert.occurredAt().plus(settings.corroborationWindow()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                addCorroboration(c, id, alert.eventId());
                Complaint after = load(c, id);
                audit.append(c, SYSTEM, "complaint.corroborate", "complaint", Long.toString(id), null,
                        Map.of("event_id", alert.eventId(), "type", alert.type(), "camera", alert.camera()));
                publish(c, after, now);
            }
            return ids;
        });
    }

    private static String categoryConfirmedBy(String eventType) {
        for (ComplaintCategory cat : ComplaintCategory.values()) {
            if (eventType.equals(cat.corroboratingEvent())) {
                return cat.wire();
            }
        }
        throw new IllegalArgumentException("no complaint category is confirmed by " + eventType);
    }

    /** True when an open camera report (source kamera) of this category is linked to the camera. */
    public boolean openCameraReport(String camera, ComplaintCategory category) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM complaints c JOIN complaint_cameras l"
                    + " ON l.complaint_id = c.id WHERE l.camera = ? AND c.category = ? AND c.source = 'kamera'"
                    + " AND c.status IN " + OPEN)) {
                ps.setString(1, camera);
                ps.setString(2, category.wire());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Moves a complaint on: {@code diteruskan} names the agency (OPD), {@code ditolak} a reason; any other move than
     * {@link ComplaintStatus#next()} allows is a 409 naming the allowed ones.
     */
    public Complaint changeStatus(String actor, long id, ComplaintStatus next, String opd, String reason) {
        String o = opd == null || opd.isBlank() ? null : opd.strip();
        String r = reason == null || reason.isBlank() ? null : reason.strip();
        if (next == ComplaintStatus.DITERUSKAN && o == null) {
            throw EnforcementException.invalidField("opd", "opd is required to forward a complaint: the agency, e.g."
                    + " Dishub Kota Jambi or Dinas PUPR");
        }
        if (next == ComplaintStatus.DITOLAK && r == null) {
            throw EnforcementException.invalidField("reason", "reason is required to refuse a complaint");
        }
        if (o != null && o.length() > 100) {
            throw EnforcementException.invalidField("opd", "opd is at most 100 characters");
        }
        if (r != null && r.length() > 500) {
            throw EnforcementException.invalidField("reason", "reason is at most 500 characters");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM complaints WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw EnforcementException.notFound("no complaint with id " + id);
                    }
                }
            }
            Complaint before = load(c, id);
            ComplaintStatus current = ComplaintStatus.parse(before.status());
            if (!current.next().contains(next)) {
                throw EnforcementException.conflict("complaint " + id + " is " + current.wire() + "; it may move to "
                        + (current.next().isEmpty() ? "no other status" : current.next().stream()
                        .map(ComplaintStatus::wire).toList()) + ", not " + next.wire());
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE complaints SET status = ?, opd = COALESCE(?, opd),"
                    + " status_reason = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, next.wire());
                ps.setString(2, o);
                ps.setString(3, r);
                Sql.setInstant(ps, 4, now);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            Complaint after = load(c, id);
            audit.append(c, actor, "complaint.status", "complaint", Long.toString(id), statusView(before), statusView(after));
            publish(c, after, now);
            return after;
        });
    }

    private static Map<String, Object> statusView(Complaint x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", x.status());
        m.put("opd", x.opd());
        m.put("status_reason", x.statusReason());
        return m;
    }

    public Complaint get(long id) {
        return db.inTransaction(c -> load(c, id));
    }

    public List<Complaint> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT c.id FROM complaints c WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.category() != null) {
            sql.append(" AND c.category = ?");
            args.add(f.category().wire());
        }
        if ("terbuka".equals(f.status())) {
            sql.append(" AND c.status IN ").append(OPEN);
        } else if (f.status() != null) {
            sql.append(" AND c.status = ?");
            args.add(ComplaintStatus.parse(f.status()).wire());
        }
        if (f.camera() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM complaint_cameras l WHERE l.complaint_id = c.id AND l.camera = ?)");
            args.add(f.camera());
        }
        if (f.area() != null) {
            sql.append(" AND c.area = ?");
            args.add(f.area());
        }
        if (f.from() != null) {
            sql.append(" AND c.reported_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND c.reported_at < ?");
            args.add(f.to());
        }
        sql.append(" ORDER BY c.reported_at DESC, c.id DESC LIMIT ").append(f.limit()).append(" OFFSET ").append(f.offset());
        return db.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i) instanceof Instant t) {
                        Sql.setInstant(ps, i + 1, t);
                    } else {
                        ps.setString(i + 1, (String) args.get(i));
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<Complaint> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                out.add(load(c, id));
            }
            return out;
        });
    }

    /** The categories and report times of complaints reported in [from, to), for the per-day counts. */
    public List<Map.Entry<String, Instant>> reports(Instant from, Instant to, String area) {
        return db.inTransaction(c -> {
            List<Map.Entry<String, Instant>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT category, reported_at FROM complaints"
                    + " WHERE reported_at >= ? AND reported_at < ?" + (area == null ? "" : " AND area = ?"))) {
                Sql.setInstant(ps, 1, from);
                Sql.setInstant(ps, 2, to);
                if (area != null) {
                    ps.setString(3, area);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Map.entry(rs.getString(1), Sql.instant(rs, "reported_at")));
                    }
                }
            }
            return out;
        });
    }

    /** The complaint's photo: media type and bytes; 404 when it has none. */
    public ValidComplaint.Photo photo(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT media_type, bytes FROM complaint_photos WHERE complaint_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw EnforcementException.notFound("complaint " + id + " has no photo");
                    }
                    return new ValidComplaint.Photo(rs.getString(1), rs.getBytes(2));
                }
            }
        });
    }

    /** The JPEG a camera showed when its alert arrived; 404 when none was kept. */
    public byte[] alertSnapshot(String eventId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT snapshot FROM camera_alerts WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    byte[] b = rs.next() ? rs.getBytes(1) : null;
                    if (b == null) {
                        throw EnforcementException.notFound("no snapshot kept for camera event '" + eventId + "'");
                    }
                    return b;
                }
            }
        });
    }

    private static Long idOf(Connection c, String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM complaints WHERE external_id = ? FOR UPDATE")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Complaint load(Connection c, long id) throws SQLException {
        Complaint base;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.*, (SELECT COUNT(*) FROM complaint_photos p"
                + " WHERE p.complaint_id = c.id) AS photos FROM complaints c WHERE c.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EnforcementException.notFound("no complaint with id " + id);
                }
                base = new Complaint(id, rs.getString("external_id"), rs.getString("source"), rs.getString("category"),
                        rs.getString("text"), Sql.instant(rs, "reported_at"), new Complaint.Location(
                        Sql.nullableDouble(rs, "lat"), Sql.nullableDouble(rs, "lon"), rs.getString("address")),
                        rs.getString("area"), rs.getString("reporter_contact"), rs.getLong("photos") > 0,
                        rs.getString("status"), rs.getString("opd"), rs.getString("status_reason"),
                        Sql.instant(rs, "received_at"), Sql.instant(rs, "updated_at"), List.of(), List.of());
            }
        }
        List<CameraLinker.Link> cameras = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT camera, distance_m FROM complaint_cameras"
                + " WHERE complaint_id = ? ORDER BY distance_m, camera")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cameras.add(new CameraLinker.Link(rs.getString(1), rs.getDouble(2)));
                }
            }
        }
        List<Complaint.Corroborating> corroborations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.event_id, a.type, a.camera, a.occurred_at, a.subject,"
                + " a.detail, CASE WHEN a.snapshot IS NULL THEN FALSE ELSE TRUE END AS has_snapshot"
                + " FROM complaint_corroborations cc JOIN camera_alerts a ON a.event_id = cc.event_id"
                + " WHERE cc.complaint_id = ? ORDER BY a.occurred_at, a.event_id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    corroborations.add(new Complaint.Corroborating(rs.getString("event_id"), rs.getString("type"),
                            rs.getString("camera"), Sql.instant(rs, "occurred_at"), rs.getString("subject"),
                            rs.getString("detail"), rs.getBoolean("has_snapshot")));
                }
            }
        }
        return new Complaint(base.id(), base.externalId(), base.source(), base.category(), base.text(), base.reportedAt(),
                base.location(), base.area(), base.reporterContact(), base.hasPhoto(), base.status(), base.opd(),
                base.statusReason(), base.receivedAt(), base.updatedAt(), List.copyOf(cameras), List.copyOf(corroborations));
    }

    /** What the audit trail keeps of a complaint: its fields, whether a contact was given (never the contact), the photo's hash. */
    private static Map<String, Object> auditView(Connection c, Complaint x) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("external_id", x.externalId());
        m.put("source", x.source());
        m.put("category", x.category());
        m.put("text", x.text());
        m.put("reported_at", x.reportedAt().toString());
        m.put("lat", x.location().lat());
        m.put("lon", x.location().lon());
        m.put("address", x.location().address());
        m.put("area", x.area());
        m.put("contact_given", x.reporterContact() != null);
        String photoHash = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM complaint_photos WHERE complaint_id = ?")) {
            ps.setLong(1, x.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    photoHash = sha256(rs.getBytes(1));
                }
            }
        }
        m.put("photo_sha256", photoHash);
        m.put("status", x.status());
        m.put("cameras", x.cameras().stream().map(CameraLinker.Link::camera).toList());
        return m;
    }

    /** The message on {@code pantau.complaints}, keyed by area: the complaint with its contact redacted, no photo. */
    private void publish(Connection c, Complaint x, Instant now) throws SQLException {
        try {
            Outbox.add(c, settings.complaintsTopic(), x.area() == null ? NO_AREA : x.area(),
                    Json.mapper().writeValueAsString(x.redacted()), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("complaint " + x.id() + " could not be encoded", e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
