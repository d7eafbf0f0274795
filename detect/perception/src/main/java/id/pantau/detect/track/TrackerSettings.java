package id.pantau.detect.track;

import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.model.RoadUserMapping;

import java.util.EnumMap;
import java.util.Map;

/**
 * ByteTrack parameters.
 *
 * @param highThresholds  per class: a detection at or above is "high" (first association, may start a track);
 *                        below it, down to {@code lowThreshold}, it is "low" (only extends existing tracks)
 * @param lowThreshold    detections below this are ignored
 * @param newTrackMargin  a new track needs score >= high threshold + margin (ByteTrack's det_thresh)
 * @param firstMatchIou   minimum IoU in the first (high-score) association
 * @param secondMatchIou  minimum IoU in the second (low-score) association
 * @param tentativeMatchIou minimum IoU to extend a tentative track
 * @param hitsToConfirm   matches before a track is CONFIRMED
 * @param maxLostFrames   analysed frames a LOST track is kept (predicted, matchable) before REMOVED
 * @param historyLength   ground points kept per track
 * @param duplicateIou    detections of different classes overlapping more than this are one object
 */
public record TrackerSettings(Map<RoadUserClass, Float> highThresholds, float lowThreshold, float newTrackMargin,
                              double firstMatchIou, double secondMatchIou, double tentativeMatchIou,
                              int hitsToConfirm, int maxLostFrames, int historyLength, double duplicateIou) {
    public TrackerSettings {
        Map<RoadUserClass, Float> t = new EnumMap<>(RoadUserMapping.defaultThresholds());
        t.putAll(highThresholds);
        highThresholds = Map.copyOf(t);
        if (hitsToConfirm < 1 || maxLostFrames < 0 || historyLength < 2) {
            throw new IllegalArgumentException("tracker: hitsToConfirm >= 1, maxLostFrames >= 0 and historyLength"
                    + " >= 2 required");
        }
    }

    /** Defaults for 8-12 analysed frames per second (maxLost 15 = about 1.5 s of occlusion). */
    public static TrackerSettings defaults() {
        return new TrackerSettings(Map.of(), 0.1f, 0.05f, 0.2, 0.5, 0.3, 2, 15, 32, 0.8);
    }

    public float highThreshold(RoadUserClass c) {
        return highThresholds.getOrDefault(c, 0.3f);
    }

    public TrackerSettings withMaxLostFrames(int frames) {
        return new TrackerSettings(highThresholds, lowThreshold, newTrackMargin, firstMatchIou, secondMatchIou,
                tentativeMatchIou, hitsToConfirm, frames, historyLength, duplicateIou);
    }
}
