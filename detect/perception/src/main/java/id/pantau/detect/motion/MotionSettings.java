package id.pantau.detect.motion;

import java.util.List;

/**
 * Motion gating parameters (defaults follow Frigate's: a small grey copy, MOG2, a minimum changed area).
 *
 * @param workWidth          width of the downscaled grey copy the background model runs on
 * @param history            MOG2 history length, frames
 * @param varThreshold       MOG2 variance threshold (higher = less sensitive)
 * @param minChangedFraction fraction of the regions' pixels that must change to count as motion
 * @param forceEvery         detect at least every this many frames even without motion (a stopped vehicle is
 *                           re-confirmed, a missed slow mover is caught)
 * @param regions            where motion matters; empty = the whole frame
 */
public record MotionSettings(int workWidth, int history, double varThreshold, double minChangedFraction,
                             int forceEvery, List<RegionOfInterest> regions) {
    public MotionSettings {
        regions = List.copyOf(regions);
        if (workWidth < 32 || history < 1 || forceEvery < 1 || minChangedFraction < 0) {
            throw new IllegalArgumentException("motion settings: workWidth >= 32, history >= 1, forceEvery >= 1 and"
                    + " minChangedFraction >= 0 required");
        }
    }

    public static MotionSettings defaults() {
        return new MotionSettings(320, 300, 25, 0.001, 10, List.of());
    }

    public MotionSettings withRegions(List<RegionOfInterest> r) {
        return new MotionSettings(workWidth, history, varThreshold, minChangedFraction, forceEvery, r);
    }

    public MotionSettings withForceEvery(int n) {
        return new MotionSettings(workWidth, history, varThreshold, minChangedFraction, n, regions);
    }

    public MotionSettings withMinChanged(double fraction) {
        return new MotionSettings(workWidth, history, varThreshold, fraction, forceEvery, regions);
    }
}
