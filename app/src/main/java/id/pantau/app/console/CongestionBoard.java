package id.pantau.app.console;

import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.ZoneCongestion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest congestion figures of every zone, for Dishub's board: the last {@link ZoneCongestion} of each
 * camera/zone and whether an alert is raised there. Fed from the live events; an older event arriving late
 * (the bus is at-least-once and may redeliver) never replaces a newer one.
 */
final class CongestionBoard {
    private final Map<String, ZoneCongestion> latest = new ConcurrentHashMap<>();
    private final Map<String, CongestionAlert> alerts = new ConcurrentHashMap<>();

    /** One row of the board. */
    record Row(ZoneCongestion congestion, CongestionAlert alert) {
    }

    void accept(PipelineEvent e) {
        switch (e) {
            case ZoneCongestion z -> latest.merge(key(z.camera(), z.zone()), z,
                    (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
            case CongestionAlert a -> alerts.merge(key(a.camera(), a.zone()), a,
                    (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
            default -> {
            }
        }
    }

    /** Zones ordered worst level first, then by camera and zone. */
    List<Row> rows() {
        return latest.entrySet().stream()
                .map(en -> new Row(en.getValue(), raised(alerts.get(en.getKey()))))
                .sorted(Comparator.comparing((Row r) -> r.congestion().level()).reversed()
                        .thenComparing(r -> r.congestion().camera()).thenComparing(r -> r.congestion().zone()))
                .toList();
    }

    private static CongestionAlert raised(CongestionAlert a) {
        return a != null && a.state() == AlertState.RAISED ? a : null;
    }

    private static String key(String camera, String zone) {
        return camera + "/" + zone;
    }
}
