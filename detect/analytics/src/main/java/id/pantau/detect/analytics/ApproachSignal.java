package id.pantau.detect.analytics;

import id.pantau.core.camera.config.CameraConfig.Approach;
import id.pantau.core.camera.config.SignalSource;
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

    ApproachSignal(CameraGeometry geometry, Approach approach) {
        this.approach = approach;
        SignalSource source = approach.signal().source();
        this.timeline = new SignalTimeline(geometry, approach.id(), source.label());
        var t = geometry.config().thresholds();
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
