package id.pantau.enforcement.evidence;

import id.pantau.core.event.RedLightViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words burned into each evidence photo: camera and location, date-time with zone (e.g. {@code WIB}),
 * frame number and which of the three photos it is, signal state and time into red at that frame.
 */
final class BannerText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS zzz '(UTC'xxx')'", Locale.ENGLISH);

    private BannerText() {
    }

    static List<String> lines(RedLightViolation v, FrameRole role, ClipFrame frame, ZoneId zone) {
        String location = v.location() == null || v.location().isBlank() ? "location not configured" : v.location();
        return List.of(
                "CAMERA " + v.camera() + "  |  " + location + "  |  approach " + v.approach(),
                TIME.format(frame.time().atZone(zone)) + "  |  frame " + frame.sequence() + "  |  " + role.caption(),
                signal(v, frame.time()) + "  |  " + v.roadUserClass() + " track " + v.trackId());
    }

    /**
     * The event gives the signal state and time into red at the crossing; red began {@code timeIntoRedS}
     * before it, so the time into red of any other frame follows from its capture time.
     */
    static String signal(RedLightViolation v, Instant at) {
        Instant redOnset = v.time().toInstant().minus(Duration.ofNanos(Math.round(v.timeIntoRedS() * 1e9)));
        double intoRed = Duration.between(redOnset, at).toNanos() / 1e9;
        if (intoRed < 0) {
            return "SIGNAL not yet red (red in %.2f s)".formatted(-intoRed);
        }
        return "SIGNAL %s  |  %.2f s into red".formatted(v.signalState().name(), intoRed);
    }
}
