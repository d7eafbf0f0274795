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
}
