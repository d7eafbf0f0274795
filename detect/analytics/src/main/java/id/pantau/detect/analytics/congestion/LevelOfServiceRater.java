package id.pantau.detect.analytics.congestion;

import id.pantau.core.camera.config.Thresholds;
import id.pantau.core.event.LevelOfService;
import id.pantau.detect.analytics.Seconds;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Turns one interval's zone measures into a level of service A-F, without flapping.
 * <ul>
 *   <li>Occupancy level: the share of the zone covered by vehicle footprints against five ascending limits
 *   ({@code los_occupancy_pct}, default 10/20/35/50/70 %).</li>
 *   <li>Speed level: mean speed as a share of the free-flow speed, with the urban-street thresholds of the
 *   HCM 6th ed. (urban street facilities, chapter 16: &gt;80 % A, &gt;67 % B, &gt;50 % C, &gt;40 % D, &gt;30 % E, else F).</li>
 *   <li>The level is the worse of the two; speed only counts when vehicles were measured and occupancy is
 *   past the A limit (a single car waiting at red is not congestion).</li>
 *   <li>Speed may make the level at most one step worse than occupancy alone. HCM's speed thresholds rate the
 *   travel speed of traffic through a street, where F also means demand beyond capacity (v/c &gt; 1); the mean
 *   spot speed of the two or three vehicles standing in a quarter-full zone (waiting to turn, at a stop) is 0
 *   without the street being broken down. So a queue of 2.5 vehicles at 26 % occupancy (occupancy C) rates D at
 *   worst, and F needs the zone past the D occupancy limit with traffic crawling.</li>
 * </ul>
 * <p>A zone behind a stop line is a signalised approach: vehicles standing there at red are how the junction
 * works, not congestion, so its speed says nothing. There the second measure is the <b>control delay</b> per
 * vehicle, rated with the thresholds of HCM 6th ed., chapter 19 (signalised intersections, Exhibit 19-8:
 * &le;10 s A, &le;20 s B, &le;35 s C, &le;55 s D, &le;80 s E, else F). A short queue waiting out one red is
 * A-C; F needs vehicles that wait longer than a whole cycle.
 *
 * <p>Hysteresis: a level only improves when the measures clear the better level's limits by
 * {@code los_hysteresis_pct}; dwell: a new level must be indicated for {@code min_dwell_s} before it is adopted.
 */
public final class LevelOfServiceRater {
    /** HCM 6th ed. Exhibit 16-4 (urban street facilities): travel speed as a share of base free-flow speed, A-E. */
    private static final double[] SPEED_SHARE = {0.80, 0.67, 0.50, 0.40, 0.30};
    /** How far speed may worsen the occupancy level (see the class doc: density must confirm a breakdown). */
    private static final int MAX_SPEED_STEPS = 1;
    /** HCM 6th ed. Exhibit 19-8: control delay (s/vehicle) limits of levels A-E at signalised intersections. */
    private static final double[] CONTROL_DELAY_S = {10, 20, 35, 55, 80};

    private final List<Double> occupancyLimits;
    private final double freeFlowKmh;
    private final double hysteresis;
    private final double minDwellS;
    private LevelOfService current = LevelOfService.A;
    private LevelOfService pending;
    private Instant pendingSince;

    public LevelOfServiceRater(Thresholds t) {
        this.occupancyLimits = t.losOccupancyPct();
        this.freeFlowKmh = t.freeFlowSpeedKmh();
        this.hysteresis = t.losHysteresisPct() / 100.0;
        this.minDwellS = t.minDwellS();
    }

    /** The raw level of a measure, without hysteresis or dwell. */
    public LevelOfService rate(double occupancyPct, OptionalDouble meanSpeedKmh) {
        int level = 0;
        while (level < 5 && occupancyPct > occupancyLimits.get(level)) {
            level++;
        }
        // Speed only counts once the zone holds real traffic (occupancy past the A limit): one car waiting at
        // a red light has speed 0 but is not a jam.
        if (meanSpeedKmh.isPresent() && level > 0) {
            double share = meanSpeedKmh.getAsDouble() / freeFlowKmh;
            int speedLevel = 0;
            while (speedLevel < 5 && share <= SPEED_SHARE[speedLevel]) {
                speedLevel++;
            }
            level = Math.max(level, Math.min(speedLevel, level + MAX_SPEED_STEPS));
        }
        return LevelOfService.values()[level];
    }

    /** The raw level of a signalised approach's zone: occupancy and control delay per vehicle (see class doc). */
    public LevelOfService rateApproach(double occupancyPct, OptionalDouble controlDelayS) {
        int level = 0;
        while (level < 5 && occupancyPct > occupancyLimits.get(level)) {
            level++;
        }
        if (controlDelayS.isPresent()) {
            int delayLevel = 0;
            while (delayLevel < 5 && controlDelayS.getAsDouble() > CONTROL_DELAY_S[delayLevel]) {
                delayLevel++;
            }
            level = Math.max(level, delayLevel);
        }
        return LevelOfService.values()[level];
    }

    /** Feeds one interval of a signalised approach's zone; returns the level in force afterwards. */
    public LevelOfService updateApproach(double occupancyPct, OptionalDouble controlDelayS, Instant now) {
        LevelOfService raw = rateApproach(occupancyPct, controlDelayS);
        LevelOfService strict = rateApproach(occupancyPct * (1 + hysteresis),
                controlDelayS.isPresent() ? OptionalDouble.of(controlDelayS.getAsDouble() * (1 + hysteresis)) : controlDelayS);
        return adopt(raw, strict, now);
    }

    /** Feeds one interval's measures; returns the level in force afterwards. */
    public LevelOfService update(double occupancyPct, OptionalDouble meanSpeedKmh, Instant now) {
        LevelOfService raw = rate(occupancyPct, meanSpeedKmh);
        // Judge an improvement on pessimistic measures: occupancy a bit higher, speed a bit lower.
        LevelOfService strict = rate(occupancyPct * (1 + hysteresis),
                meanSpeedKmh.isPresent() ? OptionalDouble.of(meanSpeedKmh.getAsDouble() * (1 - hysteresis))
                        : meanSpeedKmh);
        return adopt(raw, strict, now);
    }

    /** Hysteresis (an improvement must hold on the pessimistic measures) and dwell, for either kind of zone. */
    private LevelOfService adopt(LevelOfService raw, LevelOfService strict, Instant now) {
        LevelOfService indicated = current;
        if (raw.isWorseThan(current)) {
            indicated = raw;
        } else if (current.isWorseThan(raw)) {
            indicated = current.isWorseThan(strict) ? strict : current;
        }
        if (indicated == current) {
            pending = null;
            return current;
        }
        if (pending == null || (pending.isWorseThan(current) != indicated.isWorseThan(current))) {
            // a new change, or one in the opposite direction: the dwell starts again
            pendingSince = now;
        }
        pending = indicated;
        if (Seconds.between(pendingSince, now) + 1e-9 >= minDwellS) {
            current = pending;
            pending = null;
        }
        return current;
    }

    public LevelOfService current() {
        return current;
    }
}
