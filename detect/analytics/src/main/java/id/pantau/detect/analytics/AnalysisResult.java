package id.pantau.detect.analytics;

import id.pantau.core.event.PipelineEvent;
import id.pantau.core.event.SignalState;

import java.util.List;
import java.util.Map;

/**
 * What one analysed frame produced.
 *
 * @param sequence      the frame's sequence number
 * @param configVersion the configuration version the frame was analysed with
 * @param events        events produced by this frame (most frames produce none)
 * @param signals       signal state per approach after this frame
 * @param analysed      false when the frame could not be analysed (e.g. its size differs from the configured one)
 */
public record AnalysisResult(long sequence, int configVersion, List<PipelineEvent> events,
                             Map<String, SignalState> signals, boolean analysed) {
    public AnalysisResult {
        events = List.copyOf(events);
        signals = Map.copyOf(signals);
    }
}
