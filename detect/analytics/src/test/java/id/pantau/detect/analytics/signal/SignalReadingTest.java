package id.pantau.detect.analytics.signal;

import id.pantau.core.camera.config.CameraConfig.Lamps;
import id.pantau.core.camera.config.PixelBox;
import id.pantau.core.event.SignalState;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Lamp reading and smoothing on small painted pictures (the real-footage check is HanoiSignalVisionTest). */
class SignalReadingTest {
    private static final int W = 40;
    private static final int H = 60;
    private final Lamps lamps = new Lamps(new PixelBox(10, 5, 20, 15), new PixelBox(10, 20, 20, 30),
            new PixelBox(10, 35, 20, 45));

    private static byte[] housing() {
        byte[] px = new byte[W * H * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = 25;
        }
        return px;
    }

    private static void paint(byte[] px, PixelBox b, int blue, int green, int red) {
        for (int y = b.y1(); y < b.y2(); y++) {
            for (int x = b.x1(); x < b.x2(); x++) {
                int i = (y * W + x) * 3;
                px[i] = (byte) blue;
                px[i + 1] = (byte) green;
                px[i + 2] = (byte) red;
            }
        }
    }

    private SignalState read(byte[] px) {
        return new LampClassifier(lamps, 120).classify(ByteBuffer.wrap(px), W, H).state();
    }

    @Test
    void theLitLampGivesTheState() {
        byte[] red = housing();
        paint(red, lamps.red(), 40, 35, 253);
        byte[] green = housing();
        paint(green, lamps.green(), 160, 170, 6);
        assertThat(read(red)).isEqualTo(SignalState.RED);
        assertThat(read(green)).isEqualTo(SignalState.GREEN);
        assertThat(read(housing())).isEqualTo(SignalState.DARK);
    }

    @Test
    void greyGlareIsNotALampAndThreeLitLampsAreUnknown() {
        byte[] glare = housing();
        paint(glare, lamps.amber(), 200, 200, 205);      // bright but colourless: sun on the housing
        assertThat(read(glare)).isEqualTo(SignalState.DARK);
        byte[] all = housing();
        paint(all, lamps.red(), 40, 35, 253);
        paint(all, lamps.amber(), 15, 90, 210);
        paint(all, lamps.green(), 160, 170, 6);
        assertThat(read(all)).isEqualTo(SignalState.UNKNOWN);
    }

    @Test
    void debouncerConfirmsAChangeDatedAtItsOnsetAndIgnoresSingleDarkFrames() {
        SignalDebouncer d = new SignalDebouncer(0.25, 1.0);
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        SignalState[] readings = {SignalState.GREEN, SignalState.GREEN, SignalState.GREEN, SignalState.GREEN,
                SignalState.AMBER, SignalState.DARK, SignalState.AMBER, SignalState.DARK, SignalState.AMBER,
                SignalState.AMBER};
        List<SignalDebouncer.Change> changes = new ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            Optional<SignalDebouncer.Change> c = d.offer(readings[i], t0.plusMillis(100L * i), i);
            c.ifPresent(changes::add);
        }
        assertThat(changes).extracting(SignalDebouncer.Change::state)
                .containsExactly(SignalState.GREEN, SignalState.AMBER);
        // amber from frame 4; the dark frames in between neither become DARK nor restart the confirmation
        assertThat(changes.get(1).onsetFrame()).isEqualTo(4);
        assertThat(changes.get(1).onset()).isEqualTo(t0.plusMillis(400));
    }

    @Test
    void aDarkSpellLongerThanTheGapIsADarkHeadDatedFromItsFirstDarkFrame() {
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        SignalDebouncer d = new SignalDebouncer(0.25, 1.0, 3.0);
        List<SignalDebouncer.Change> changes = new ArrayList<>();
        boolean spellSeen = false;
        for (int i = 0; i < 100; i++) {
            SignalState reading = i < 40 ? SignalState.RED : SignalState.DARK;
            d.offer(reading, t0.plusMillis(100L * i), i).ifPresent(changes::add);
            spellSeen |= d.inDarkSpell();
            if (i == 70) {
                // 3.0 s of darkness: the gap is reached, the head is dark
                assertThat(changes).extracting(SignalDebouncer.Change::state)
                        .containsExactly(SignalState.RED, SignalState.DARK);
            }
            if (i == 69) {
                assertThat(changes).extracting(SignalDebouncer.Change::state).containsExactly(SignalState.RED);
                assertThat(d.inDarkSpell()).isTrue();
            }
        }
        assertThat(spellSeen).isTrue();
        assertThat(changes.get(1).onsetFrame()).isEqualTo(40);
        assertThat(d.inDarkSpell()).isFalse();
    }

    /**
     * A camera that renders the lit green lamp dim and cyan (max channel about 100, below the fixed cut of 120):
     * after one cycle the classifier has learned that lamp's lit and unlit levels and reads it lit; grey glare of
     * the same brightness still is not a lamp. Cycles of 10 s green, 3 s amber, 10 s red at 10 fps.
     */
    @Test
    void aDimCyanGreenLampReadsLitOnceItsLevelsAreLearned() {
        LampClassifier c = new LampClassifier(lamps, 120, 300);
        LampClassifier fixed = new LampClassifier(lamps, 120, 300);
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        int greenFrames = 0;
        int greenRead = 0;
        int greenReadFixed = 0;
        for (int i = 0; i < 2 * 230; i++) {
            int inCycle = i % 230;
            byte[] px = housing();
            SignalState truth;
            if (inCycle < 100) {
                paint(px, lamps.green(), 100, 104, 8);        // dim cyan: lit, but max channel 104 < 120
                truth = SignalState.GREEN;
            } else if (inCycle < 130) {
                paint(px, lamps.amber(), 15, 90, 210);
                truth = SignalState.AMBER;
            } else {
                paint(px, lamps.red(), 40, 35, 253);
                truth = SignalState.RED;
            }
            Instant at = t0.plusMillis(100L * i);
            SignalState read = c.classify(ByteBuffer.wrap(px), W, H, at).state();
            SignalState readFixed = fixed.classify(ByteBuffer.wrap(px.clone()), W, H, null).state();
            if (i >= 230) {              // second cycle: the levels are learned
                assertThat(read).as("frame %d", i).isEqualTo(truth);
                if (truth == SignalState.GREEN) {
                    greenFrames++;
                    greenRead += read == SignalState.GREEN ? 1 : 0;
                }
            }
            if (truth == SignalState.GREEN && i < 100) {
                greenReadFixed += readFixed == SignalState.GREEN ? 1 : 0;
            }
        }
        LampClassifier.Levels g = c.levels()[2];
        System.out.printf("dim cyan green: read green on %d/%d frames of the second cycle; first cycle before"
                + " learning %d/100; learned unlit %.0f, lit %.0f, cut %.0f, saturation cut %.2f%n", greenRead,
                greenFrames, greenReadFixed, g.unlitBrightness(), g.litBrightness(), g.brightnessCut(),
                g.saturationCut());
        assertThat(greenRead).isEqualTo(greenFrames).isEqualTo(100);
        // the fixed cut of 120 (all there is before a lamp is learned) reads this lamp as dark
        assertThat(greenReadFixed).isZero();

        // grey glare as bright as the dim green, on the learned green lamp: not lit
        byte[] glare = housing();
        paint(glare, lamps.green(), 104, 104, 106);
        assertThat(c.classify(ByteBuffer.wrap(glare), W, H, t0.plusSeconds(47)).state()).isEqualTo(SignalState.DARK);
    }

    /**
     * Glow: on some cameras a lit lamp brightens its unlit neighbour's lens (here the amber lens goes from 25 to 60
     * whenever the red is lit, more than MIN_CONTRAST). Learning must not make the glowing lens a second lit lamp:
     * the head reads red, not unknown or amber, in the second cycle.
     */
    @Test
    void theGlowOfALitLampOnItsNeighbourIsNotASecondLitLamp() {
        LampClassifier c = new LampClassifier(lamps, 120, 300);
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        int redFrames = 0;
        int readRed = 0;
        for (int i = 0; i < 2 * 230; i++) {
            int inCycle = i % 230;
            byte[] px = housing();
            SignalState truth;
            if (inCycle < 100) {
                paint(px, lamps.green(), 160, 170, 6);
                truth = SignalState.GREEN;
            } else if (inCycle < 130) {
                paint(px, lamps.amber(), 15, 90, 210);
                truth = SignalState.AMBER;
            } else {
                paint(px, lamps.red(), 40, 35, 253);
                paint(px, lamps.amber(), 30, 40, 60);     // reddish glow on the unlit amber lens
                truth = SignalState.RED;
            }
            SignalState read = c.classify(ByteBuffer.wrap(px), W, H, t0.plusMillis(100L * i)).state();
            if (i >= 230) {
                assertThat(read).as("frame %d", i).isEqualTo(truth);
                if (truth == SignalState.RED) {
                    redFrames++;
                    readRed += read == SignalState.RED ? 1 : 0;
                }
            }
        }
        System.out.printf("glow on the amber lens: red read on %d/%d red frames of the second cycle%n", readRed,
                redFrames);
    }
}
