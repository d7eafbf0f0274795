package id.pantau.detect.analytics.congestion;

import id.pantau.core.camera.config.Thresholds;
import id.pantau.core.event.LevelOfService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rater on its own, with the default thresholds (occupancy 10/20/35/50/70 %, HCM speed shares, 10 %
 * hysteresis, 120 s dwell), fed one 10 s interval at a time.
 */
class LevelOfServiceRaterTest {
    private static final OptionalDouble STANDING = OptionalDouble.of(0.0);
    private Instant t = Instant.parse("2026-12-06T03:00:00Z");

    private LevelOfService feed(LevelOfServiceRater r, double occupancyPct, OptionalDouble speed, int intervals) {
        LevelOfService level = null;
        for (int i = 0; i < intervals; i++) {
            t = t.plusSeconds(10);
            level = r.update(occupancyPct, speed, t);
            assertThat(level).as("interval %d at %.0f %%", i, occupancyPct).isNotEqualTo(LevelOfService.F);
        }
        return level;
    }

    @Test
    void aQueueOfTwoOrThreeStandingVehiclesAtAQuarterOccupancyIsNotLevelF() {
        LevelOfServiceRater r = new LevelOfServiceRater(Thresholds.DEFAULTS);
        // 2.5 vehicles standing (speed 0) covering 26 % of a zone without a stop line, for ten minutes
        assertThat(r.rate(26.0, STANDING)).isEqualTo(LevelOfService.D);
        assertThat(feed(r, 26.0, STANDING, 60)).isEqualTo(LevelOfService.D);
        // the same on a signalised approach: waiting out a 40 s red is a control delay of level D, not F
        LevelOfServiceRater approach = new LevelOfServiceRater(Thresholds.DEFAULTS);
        for (int i = 0; i < 60; i++) {
            t = t.plusSeconds(10);
            assertThat(approach.updateApproach(26.0, OptionalDouble.of(40.0), t)).isNotEqualTo(LevelOfService.F);
        }
        assertThat(approach.current()).isEqualTo(LevelOfService.D);
    }

    @Test
    void aFullZoneStandingStillIsFAndOnlyImprovesPastTheHysteresisMargin() {
        LevelOfServiceRater r = new LevelOfServiceRater(Thresholds.DEFAULTS);
        assertThat(r.rate(55.0, STANDING)).as("past the D occupancy limit, crawling").isEqualTo(LevelOfService.F);
        for (int i = 0; i < 13; i++) {
            t = t.plusSeconds(10);
            r.update(75.0, STANDING, t);
        }
        assertThat(r.current()).as("adopted after the 120 s dwell").isEqualTo(LevelOfService.F);
        // 66 % occupancy with traffic moving freely: the raw level is E, but 66 % * 1.1 = 72.6 % is still past the
        // F limit (70 %), so the level stays F however long it lasts
        for (int i = 0; i < 30; i++) {
            t = t.plusSeconds(10);
            assertThat(r.update(66.0, OptionalDouble.of(40.0), t)).isEqualTo(LevelOfService.F);
        }
        // 60 % clears the margin (66 %): E once it has held 120 s
        for (int i = 0; i < 12; i++) {
            t = t.plusSeconds(10);
            assertThat(r.update(60.0, OptionalDouble.of(40.0), t)).isEqualTo(LevelOfService.F);
        }
        t = t.plusSeconds(10);
        assertThat(r.update(60.0, OptionalDouble.of(40.0), t)).isEqualTo(LevelOfService.E);
    }
}
