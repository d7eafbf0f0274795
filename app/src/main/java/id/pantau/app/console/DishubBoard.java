package id.pantau.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalFault;
import id.pantau.core.event.ZoneCongestion;
import id.pantau.core.json.Json;
import id.pantau.enforcement.audit.AuditRecorder;
import id.pantau.enforcement.auth.User;
import id.pantau.enforcement.http.Reply;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dishub's board: traffic counts per 15 minutes, level of service per zone over time, violations per hour, the
 * alert list and the camera map. Every figure is aggregated here from the pipeline events the console receives
 * and kept {@link BoardWindow#RETENTION} in memory (bounded, see each store); each chart's data is answered as
 * JSON or, with {@code ?format=csv}, as a CSV download with a descriptive file name.
 */
final class DishubBoard {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final Clock clock;
    private final ConsoleBackend backend;
    private final AuditRecorder audit;
    private final MapTiles tiles;
    final TrafficCounts counts;
    final LevelTimeline levels;
    final ViolationsPerHour violations;
    final AlertBook alerts;

    DishubBoard(Clock clock, ConsoleBackend backend, AuditRecorder audit, MapTiles tiles, MeterRegistry registry) {
        this.clock = clock;
        this.backend = backend;
        this.audit = audit;
        this.tiles = tiles;
        this.counts = new TrafficCounts(clock);
        this.levels = new LevelTimeline(clock);
        this.violations = new ViolationsPerHour(clock);
        this.alerts = new AlertBook(clock);
        Gauge.builder("pantau.console.board.alerts.open", alerts, AlertBook::openCount)
                .description("congestion alerts and signal faults raised and not cleared").register(registry);
        Gauge.builder("pantau.console.board.alerts.unacknowledged", alerts, AlertBook::unacknowledgedCount)
                .description("open alerts nobody has acknowledged yet").register(registry);
    }

    void accept(PipelineEvent e) {
        switch (e) {
            case LineCrossing c -> counts.accept(c);
            case ZoneCongestion z -> levels.accept(z);
            case RedLightViolation v -> violations.accept(v);
            case CongestionAlert a -> alerts.accept(a);
            case SignalFault f -> alerts.accept(f);
            default -> {
            }
        }
    }

    Reply counts(RoutingContext ctx) {
        BoardWindow w = BoardWindow.of(ctx.queryParams().entries().stream().collect(query()), clock);
        List<TrafficCounts.Row> rows = counts.rows(w);
        if (csv(ctx)) {
            List<String> cols = new ArrayList<>(List.of("waktu_mulai", "waktu_selesai", "kamera", "garis", "arah"));
            cols.addAll(List.of("sepeda_motor", "mobil", "bus", "truk", "sepeda", "lainnya", "total"));
            CsvTable t = new CsvTable(cols);
            for (TrafficCounts.Row r : rows) {
                List<Object> v = new ArrayList<>(List.of(r.start(), r.end(), r.camera(), r.line(), r.direction()));
                TrafficCounts.CLASSES.forEach(c -> v.add(r.counts().get(c)));
                v.add(r.total());
                t.row(v.toArray());
            }
            return download(ctx, "hitungan-15-menit", w, t);
        }
        return Reply.ok(Map.of("period_minutes", TrafficCounts.PERIOD.toMinutes(), "classes", TrafficCounts.CLASSES,
                "retention_hours", BoardWindow.RETENTION.toHours(), "items", rows));
    }

    Reply levels(RoutingContext ctx) {
        BoardWindow w = BoardWindow.of(ctx.queryParams().entries().stream().collect(query()), clock);
        List<LevelTimeline.Series> series = levels.series(w);
        if (csv(ctx)) {
            CsvTable t = new CsvTable(List.of("waktu", "kamera", "zona", "tingkat", "okupansi_pct", "antrian_m",
                    "kecepatan_kmj", "kendaraan_rata2"));
            for (LevelTimeline.Series s : series) {
                for (LevelTimeline.Point p : s.points()) {
                    t.row(p.time(), s.camera(), s.zone(), p.level().label(), p.occupancyPct(), p.queueLengthM(),
                            p.meanSpeedKmh(), p.vehiclesMean());
                }
            }
            return download(ctx, "tingkat-pelayanan", w, t);
        }
        return Reply.ok(Map.of("retention_hours", BoardWindow.RETENTION.toHours(), "items", series));
    }

    Reply violations(RoutingContext ctx) {
        BoardWindow w = BoardWindow.of(ctx.queryParams().entries().stream().collect(query()), clock);
        List<ViolationsPerHour.Row> rows = violations.rows(w);
        if (csv(ctx)) {
            CsvTable t = new CsvTable(List.of("waktu_mulai", "waktu_selesai", "kamera", "pendekat", "pelanggaran"));
            rows.forEach(r -> t.row(r.start(), r.end(), r.camera(), r.approach(), r.violations()));
            return download(ctx, "pelanggaran-per-jam", w, t);
        }
        return Reply.ok(Map.of("period_minutes", ViolationsPerHour.PERIOD.toMinutes(),
                "retention_hours", BoardWindow.RETENTION.toHours(), "items", rows));
    }

    Reply alerts(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        if (state != null && !state.equals("open") && !state.equals("all")) {
            throw new IllegalArgumentException("state must be 'open' or 'all', got '" + state + "'");
        }
        return Reply.ok(Map.of("items", alerts.list("open".equals(state))));
    }

    Reply acknowledge(RoutingContext ctx, User u) throws IOException {
        String note = note(ctx, false);
        AlertBook.Alert a = alerts.acknowledge(ctx.pathParam("alert"), u.username(), note);
        audit.record(u.username(), "alert.acknowledge", "alert", a.id(), null, auditDetails(a, note));
        return Reply.ok(a);
    }

    Reply addNote(RoutingContext ctx, User u) throws IOException {
        String note = note(ctx, true);
        AlertBook.Alert a = alerts.note(ctx.pathParam("alert"), u.username(), note);
        audit.record(u.username(), "alert.note", "alert", a.id(), null, auditDetails(a, note));
        return Reply.ok(a);
    }

    private static Map<String, Object> auditDetails(AlertBook.Alert a, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind());
        m.put("camera", a.camera());
        m.put("subject", a.subject());
        m.put("note", note == null ? "" : note);
        return m;
    }

    /** Cameras with their position (null: not placed yet, listed as "tanpa posisi") and the map's tile server. */
    Reply map() {
        List<Map<String, Object>> cams = new ArrayList<>();
        for (CameraStatus s : backend.cameras()) {
            Optional<CameraConfig> config;
            try {
                config = backend.configs().current(CameraId.of(s.id()));
            } catch (Exception e) {
                config = Optional.empty();   // an unreadable configuration leaves the camera unplaced, not the map broken
            }
            CameraConfig.Position p = config.map(CameraConfig::position).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("location", config.map(CameraConfig::location).orElse(null));
            m.put("streaming", s.streaming());
            m.put("position", p == null || p.lat() == null ? null : Map.of("lat", p.lat(), "lon", p.lon()));
            cams.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tiles", tiles.configured() ? Map.of("url", tiles.urlTemplate(), "attribution", tiles.attribution()) : null);
        out.put("cameras", cams);
        return Reply.ok(out);
    }

    private static String note(RoutingContext ctx, boolean required) throws IOException {
        JsonNode body = ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0 ? null
                : Json.mapper().readTree(ctx.body().buffer().getBytes());
        if (body != null && !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object {\"note\": \"...\"}");
        }
        JsonNode n = body == null ? null : body.get("note");
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                throw new IllegalArgumentException("note is required: the text of the note, 1-" + AlertBook.MAX_NOTE_CHARS + " characters");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("note must be a string");
        }
        String text = n.asText().strip();
        if (text.length() > AlertBook.MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("note is " + text.length() + " characters; at most " + AlertBook.MAX_NOTE_CHARS);
        }
        return text;
    }

    private static boolean csv(RoutingContext ctx) {
        String f = ctx.queryParams().get("format");
        if (f == null || f.equals("json")) {
            return false;
        }
        if (f.equals("csv")) {
            return true;
        }
        throw new IllegalArgumentException("format must be 'json' or 'csv', got '" + f + "'");
    }

    /** The CSV as a download: {@code pantau-<what>-<camera or semua>-<window end, WIB>.csv}. */
    private static Reply download(RoutingContext ctx, String what, BoardWindow w, CsvTable t) {
        String name = "pantau-" + what + "-" + (w.camera() == null ? "semua" : w.camera().replaceAll("[^A-Za-z0-9_-]", "_"))
                + "-" + w.to().atOffset(BoardWindow.WIB).format(FILE_TIME) + "WIB.csv";
        ctx.response().putHeader("content-disposition", "attachment; filename=\"" + name + "\"");
        return Reply.bytes("text/csv; charset=utf-8", t.bytes());
    }

    private static java.util.stream.Collector<Map.Entry<String, String>, ?, Map<String, List<String>>> query() {
        return java.util.stream.Collectors.groupingBy(Map.Entry::getKey,
                java.util.stream.Collectors.mapping(Map.Entry::getValue, java.util.stream.Collectors.toList()));
    }
}
