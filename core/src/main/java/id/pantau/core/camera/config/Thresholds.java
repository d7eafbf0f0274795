package id.pantau.core.camera.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Tunable thresholds; every one has a default (see docs/camera-config.md for the reasons behind them).
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

    public Thresholds {
        lineMarginPx = or(lineMarginPx, 6.0);
        redGraceS = or(redGraceS, 0.3);
        violationDistanceM = or(violationDistanceM, 2.0);
        stoppedSpeedKmh = or(stoppedSpeedKmh, 5.0);
        freeFlowSpeedKmh = or(freeFlowSpeedKmh, 40.0);
        losOccupancyPct = losOccupancyPct == null ? List.of(10.0, 20.0, 35.0, 50.0, 70.0) : List.copyOf(losOccupancyPct);
        losHysteresisPct = or(losHysteresisPct, 10.0);
        minDwellS = or(minDwellS, 120.0);
        alertLevel = alertLevel == null ? "E" : alertLevel;
        signalConfirmS = or(signalConfirmS, 0.25);
        darkConfirmS = or(darkConfirmS, 1.0);
        darkFaultS = or(darkFaultS, 5.0);
        maxCycleS = or(maxCycleS, 300.0);
        lampMinBrightness = or(lampMinBrightness, 120.0);
        // 3 s: the shortest phase of a signal cycle (amber, 3 s at Indonesian and most other junctions), so no
        // real phase can hide in a bridged spell, and shorter than dark_fault_s (5 s): a failed head is still
        // reported, dated from its first dark frame. It bridges lamps that read dark for 1-2 s while lit
        // (exposure, PWM dimming) and the off half-second of a flashing amber.
        signalGapS = or(signalGapS, 3.0);
    }

    private static Double or(Double v, double dflt) {
        return v == null ? dflt : v;
    }
}
