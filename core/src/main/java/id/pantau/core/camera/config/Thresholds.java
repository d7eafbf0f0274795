package id.pantau.core.camera.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Tunable thresholds; every one has a default, declared with its range in {@link CameraConfigOptions} (see
 * docs/camera-config.md for the reasons behind them).
 *
 * @param lineMarginPx        hysteresis: a ground point must be this far past a line, on both sides, to count
 * @param redGraceS           a stop-line crossing this soon after red onset is not a violation
 * @param violationDistanceM  a red-light crosser must travel this far past the crossing point to be a violator
 * @param stoppedSpeedKmh     below this a vehicle is queued
 * @param freeFlowSpeedKmh    reference speed for the speed-based level of service
 * @param losOccupancyPct     five ascending occupancy limits (%) separating levels A|B|C|D|E|F
 * @param losHysteresisPct    a level improves only when the measure is this much (relative %) better than the limit
 * @param minDwellS           a new level of service must hold this long before it is reported
 * @param alertLevel          level (A-F) at or beyond which a congestion alert is raised
 * @param signalConfirmS      a lamp reading must hold this long before the signal state changes (LED flicker)
 * @param darkConfirmS        all lamps must be off this long before the head is called dark
 * @param darkFaultS          a head dark this long raises a signal_fault
 * @param maxCycleS           a head with no change for longer than this is stuck: signal_fault
 * @param lampMinBrightness   a lamp region whose brightest pixels are dimmer than this (0-255) is off, until the
 *                            camera's own lit and unlit lamp levels have been learned
 * @param signalGapS          a dark spell (every lamp reading off) inside a lit phase that is shorter than this keeps
 *                            the phase and its onset (vision signals)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Thresholds(Double lineMarginPx, Double redGraceS, Double violationDistanceM, Double stoppedSpeedKmh,
                         Double freeFlowSpeedKmh, List<Double> losOccupancyPct, Double losHysteresisPct,
                         Double minDwellS, String alertLevel, Double signalConfirmS, Double darkConfirmS,
                         Double darkFaultS, Double maxCycleS, Double lampMinBrightness,
                         Double signalGapS) {

    public static final Thresholds DEFAULTS = new Thresholds(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** Absent values take the declared defaults ({@link CameraConfigOptions}). */
    @SuppressWarnings("unchecked")
    public Thresholds {
        lineMarginPx = lineMarginPx == null ? (Double) CameraConfigOptions.LINE_MARGIN_PX.defaultValue() : lineMarginPx;
        redGraceS = redGraceS == null ? (Double) CameraConfigOptions.RED_GRACE_S.defaultValue() : redGraceS;
        violationDistanceM = violationDistanceM == null ? (Double) CameraConfigOptions.VIOLATION_DISTANCE_M.defaultValue() : violationDistanceM;
        stoppedSpeedKmh = stoppedSpeedKmh == null ? (Double) CameraConfigOptions.STOPPED_SPEED_KMH.defaultValue() : stoppedSpeedKmh;
        freeFlowSpeedKmh = freeFlowSpeedKmh == null ? (Double) CameraConfigOptions.FREE_FLOW_SPEED_KMH.defaultValue() : freeFlowSpeedKmh;
        losOccupancyPct = losOccupancyPct == null ? (List<Double>) CameraConfigOptions.LOS_OCCUPANCY_PCT.defaultValue() : List.copyOf(losOccupancyPct);
        losHysteresisPct = losHysteresisPct == null ? (Double) CameraConfigOptions.LOS_HYSTERESIS_PCT.defaultValue() : losHysteresisPct;
        minDwellS = minDwellS == null ? (Double) CameraConfigOptions.MIN_DWELL_S.defaultValue() : minDwellS;
        alertLevel = alertLevel == null ? (String) CameraConfigOptions.ALERT_LEVEL.defaultValue() : alertLevel;
        signalConfirmS = signalConfirmS == null ? (Double) CameraConfigOptions.SIGNAL_CONFIRM_S.defaultValue() : signalConfirmS;
        darkConfirmS = darkConfirmS == null ? (Double) CameraConfigOptions.DARK_CONFIRM_S.defaultValue() : darkConfirmS;
        darkFaultS = darkFaultS == null ? (Double) CameraConfigOptions.DARK_FAULT_S.defaultValue() : darkFaultS;
        maxCycleS = maxCycleS == null ? (Double) CameraConfigOptions.MAX_CYCLE_S.defaultValue() : maxCycleS;
        lampMinBrightness = lampMinBrightness == null ? (Double) CameraConfigOptions.LAMP_MIN_BRIGHTNESS.defaultValue() : lampMinBrightness;
        // the default's reasons are in CameraConfigOptions.SIGNAL_GAP_S
        signalGapS = signalGapS == null ? (Double) CameraConfigOptions.SIGNAL_GAP_S.defaultValue() : signalGapS;
    }

    // each accessor notes its option as read (ConfigReads): a test fails when the analytics stop reading one

    @Override
    public Double signalGapS() {
        CameraConfigOptions.SIGNAL_GAP_S.markRead();
        return signalGapS;
    }

    public Double lineMarginPx() {
        CameraConfigOptions.LINE_MARGIN_PX.markRead();
        return lineMarginPx;
    }

    @Override
    public Double redGraceS() {
        CameraConfigOptions.RED_GRACE_S.markRead();
        return redGraceS;
    }

    @Override
    public Double violationDistanceM() {
        CameraConfigOptions.VIOLATION_DISTANCE_M.markRead();
        return violationDistanceM;
    }

    @Override
    public Double stoppedSpeedKmh() {
        CameraConfigOptions.STOPPED_SPEED_KMH.markRead();
        return stoppedSpeedKmh;
    }

    @Override
    public Double freeFlowSpeedKmh() {
        CameraConfigOptions.FREE_FLOW_SPEED_KMH.markRead();
        return freeFlowSpeedKmh;
    }

    @Override
    public List<Double> losOccupancyPct() {
        CameraConfigOptions.LOS_OCCUPANCY_PCT.markRead();
        return losOccupancyPct;
    }

    @Override
    public Double losHysteresisPct() {
        CameraConfigOptions.LOS_HYSTERESIS_PCT.markRead();
        return losHysteresisPct;
    }

    @Override
    public Double minDwellS() {
        CameraConfigOptions.MIN_DWELL_S.markRead();
        return minDwellS;
    }

    @Override
    public String alertLevel() {
        CameraConfigOptions.ALERT_LEVEL.markRead();
        return alertLevel;
    }

    @Override
    public Double signalConfirmS() {
        CameraConfigOptions.SIGNAL_CONFIRM_S.markRead();
        return signalConfirmS;
    }

    @Override
    public Double darkConfirmS() {
        CameraConfigOptions.DARK_CONFIRM_S.markRead();
        return darkConfirmS;
    }

    @Override
    public Double darkFaultS() {
        CameraConfigOptions.DARK_FAULT_S.markRead();
        return darkFaultS;
    }

    @Override
    public Double maxCycleS() {
        CameraConfigOptions.MAX_CYCLE_S.markRead();
        return maxCycleS;
    }

    @Override
    public Double lampMinBrightness() {
        CameraConfigOptions.LAMP_MIN_BRIGHTNESS.markRead();
        return lampMinBrightness;
    }
}
