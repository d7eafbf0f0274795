package id.pantau.detect.analytics;

import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.SignalSource;
import id.pantau.core.camera.config.Thresholds;
import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalState;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.analytics.signal.ControllerPhase;
import id.pantau.detect.analytics.signal.LampClassifier;
import id.pantau.detect.analytics.signal.SignalDebouncer;
import id.pantau.detect.analytics.signal.SignalTimeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/** The signal of one approach fed from its configured source: lamp regions of the picture, or the controller. */
final class ApproachSignal {
    private final Approach approach;
    private final SignalTimeline timeline;
    private final LampClassifier classifier;
    private final SignalDebouncer debouncer;
    private final Thresholds thresholds;

    ApproachSignal(CameraGeometry geometry, Approach approach) {
        this(geometry, approach, null);
    }

    /**
     * @param previous the same approach's signal under the previous configuration version, or null. When the
     *                 signal's configuration (source, lamp boxes or controller group) and the thresholds are
     *                 unchanged, the new version carries on from it: the learned lamp levels, the smoothing, the
     *                 state in force with its onset, the amber before the red and raised faults. A new version of
     *                 the zones or lines must not restart a red phase (time into red would count from the swap).
     */
    ApproachSignal(CameraGeometry geometry, Approach approach, ApproachSignal previous) {
        this.approach = approach;
        SignalSource source = approach.signal().source();
        this.timeline = new SignalTimeline(geometry, approach.id(), source.label());
        var t = geometry.config().thresholds();
        if (previous != null && previous.approach.signal().equals(approach.signal())
                && previous.thresholds.equals(t)) {
            this.thresholds = t;
            this.classifier = previous.classifier;
            this.debouncer = previous.debouncer;
            this.timeline.continueFrom(previous.timeline);
            return;
        }
        this.thresholds = t;
        this.classifier = source == SignalSource.VISION
                ? new LampClassifier(approach.signal().lamps(), t.lampMinBrightness(), t.maxCycleS()) : null;
        this.debouncer = source == SignalSource.VISION
                ? new SignalDebouncer(t.signalConfirmS(), t.darkConfirmS(), t.signalGapS()) : null;
    }

    /**
     * Advances the signal to this frame: controller phases up to the frame's time (from {@code pending}, in
     * order), or the picture. A vision approach without a picture this frame keeps its state.
     */
    List<PipelineEvent> update(TrackedFrame frame, VideoFrame video, Queue<ControllerPhase> pending) {
        List<PipelineEvent> out = new ArrayList<>();
        if (classifier != null) {
            if (video != null) {
                SignalState reading = classifier.classify(video.pixels(), video.width(), video.height(),
                        frame.captureTime()).state();
                debouncer.offer(reading, frame.captureTime(), frame.sequence())
                        .flatMap(c -> timeline.apply(c.state(), c.onset(), c.onsetFrame()))
                        .ifPresent(out::add);
                timeline.darkSpell(debouncer.inDarkSpell());
            }
        } else {
            String group = approach.signal().controllerGroup();
            for (ControllerPhase p : pending) {
                if (p.controllerGroup().equals(group) && !p.at().isAfter(frame.captureTime())) {
                    timeline.apply(p.state(), p.at(), frame.sequence()).ifPresent(out::add);
                }
            }
        }
        out.addAll(timeline.checkFaults(frame.captureTime(), frame.sequence()));
        return out;
    }

    SignalTimeline timeline() {
        return timeline;
    }
}
