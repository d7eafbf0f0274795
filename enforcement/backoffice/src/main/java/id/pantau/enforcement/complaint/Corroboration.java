package id.pantau.enforcement.complaint;

import id.pantau.core.bus.BusRecord;
import id.pantau.core.bus.EventBus;
import id.pantau.core.event.AlertState;
import id.pantau.core.event.CongestionAlert;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalFault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Listens to the pipeline's events on the bus and lets the cameras answer complaints: a raised {@code signal_fault}
 * confirms the traffic-light complaints linked to its camera, a raised {@code congestion_alert} the congestion ones,
 * each within the corroboration window; a signal fault also opens the camera's own report to the agency
 * ({@link CameraReports}). The alert is stored with a snapshot of the camera, so a complaint that arrives after it
 * is confirmed as well. Idempotent on event ids: the bus delivers at least once.
 */
public final class Corroboration implements EventBus.RecordHandler {
    private static final Logger log = LoggerFactory.getLogger(Corroboration.class);
    private static final EventCodec CODEC = new EventCodec();

    private final ComplaintStore store;
    private final KnownCameras cameras;
    private final CameraReports reports;
    private final Counter undecodable;
    private final MeterRegistry registry;

    public Corroboration(ComplaintStore store, KnownCameras cameras, CameraReports reports, MeterRegistry registry) {
        this.store = store;
        this.cameras = cameras;
        this.reports = reports;
        this.registry = registry;
        this.undecodable = Counter.builder("pantau.complaints.events.undecodable")
                .description("bus records the complaint corroboration could not read as pipeline events").register(registry);
    }

    @Override
    public void handle(BusRecord record) {
        PipelineEvent event;
        try {
            event = CODEC.decode(record.value());
        } catch (IllegalArgumentException e) {
            // violations' own topic and this one are separate; a record we cannot read is skipped, never retried forever
            undecodable.increment();
            log.warn("complaints skipped a record on {} key={} that is not a pipeline event: {}", record.topic(),
                    record.key(), e.getMessage());
            return;
        }
        CameraAlert alert = alertOf(event);
        if (alert == null) {
            return;
        }
        List<Long> confirmed = store.recordAlert(alert, cameras.snapshot(alert.camera()));
        if (!confirmed.isEmpty()) {
            log.info("camera {} {} confirms complaints {}", alert.camera(), alert.type(), confirmed);
            registry.counter("pantau.complaints.corroborated", "type", alert.type()).increment(confirmed.size());
        }
        if (event instanceof SignalFault fault) {
            reports.signalFault(fault, alert);
        }
    }

    /** The alert a raised signal fault or congestion alert is; null for every other event (and for clearances). */
    static CameraAlert alertOf(PipelineEvent event) {
        if (event instanceof SignalFault f && f.state() == AlertState.RAISED) {
            return new CameraAlert(f.eventId(), SignalFault.TYPE, f.camera(), f.time().toInstant(), f.approach(),
                    f.fault().label() + (f.detail() == null ? "" : ": " + f.detail()));
        }
        if (event instanceof CongestionAlert c && c.state() == AlertState.RAISED) {
            return new CameraAlert(c.eventId(), CongestionAlert.TYPE, c.camera(), c.time().toInstant(), c.zone(),
                    "LOS " + c.level() + String.format(Locale.ROOT, ", %.0f%% terisi", c.occupancyPct())
                            + (c.meanSpeedKmh() == null ? "" : String.format(Locale.ROOT, ", %.0f km/jam", c.meanSpeedKmh())));
        }
        return null;
    }
}
