package id.pantau.enforcement.evidence;

import id.pantau.core.asset.Assets;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The real Hanoi intersection clip (640x480, 6 fps) as a camera's ring buffer would hold it (JPEG frames with
 * sequence numbers and capture times), and its hand-made labels: violations.csv (frames of vehicles crossing the
 * stop line on red) and signal.csv (when red began).
 */
final class HanoiFootage {
    static final String CLIP = "hanoi_cctv_lythuongkiet-hangbai_intersection_64s";
    static final String CAMERA = "hanoi-lythuongkiet-01";
    static final String LOCATION = "Ly Thuong Kiet x Hang Bai (test footage)";
    /** Capture time of frame 0: 2026-11-23 08:15:00 WIB. */
    static final Instant T0 = Instant.parse("2026-11-23T01:15:00Z");
    /**
     * The ring buffer the tests read: frames 70..170, i.e. 7 s either side of the violation at frame 116 and more
     * than 2 s either side of the others used here (decoding and re-compressing only these keeps the tests fast).
     */
    static final int FIRST_KEPT = 70;
    static final int LAST_KEPT = 170;
    private static volatile List<ClipFrame> frames;

    private HanoiFootage() {
    }

    static Path data(String path) {
        return Assets.defaults().data(path);
    }

    /** Frames 70..170 of the clip, each re-compressed to JPEG as the ingest ring buffer keeps them. */
    static List<ClipFrame> frames() {
        if (frames == null) {
            synchronized (HanoiFootage.class) {
                if (frames == null) {
                    frames = decode();
                }
            }
        }
        return frames;
    }

    /** The frames captured within [from, to], like a ring buffer query. */
    static List<ClipFrame> between(Instant from, Instant to) {
        return frames().stream().filter(f -> !f.time().isBefore(from) && !f.time().isAfter(to)).toList();
    }

    static ClipFrame frame(long sequence) {
        return frames().stream().filter(f -> f.sequence() == sequence).findFirst().orElseThrow();
    }

    private static List<ClipFrame> decode() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg warns about the clip's JPEG-range pixel format
        List<ClipFrame> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(data("videos/" + CLIP + ".mp4").toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            long seq = 0;
            while (seq <= LAST_KEPT && (f = g.grabImage()) != null) {
                if (seq >= FIRST_KEPT) {
                    BufferedImage img = conv.getBufferedImage(f);
                    out.add(new ClipFrame(seq, T0.plusNanos(f.timestamp * 1000), JpegImages.encode(img, 0.9f)));
                }
                seq++;
            }
            g.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("decoding " + CLIP, e);
        }
        return List.copyOf(out);
    }

    /** One labelled row of violations.csv. */
    record LabelledViolation(int frame, double timeS, String roadUserClass, String certainty) {
    }

    static List<LabelledViolation> violations() {
        return csv("violations.csv").stream()
                .map(r -> new LabelledViolation(Integer.parseInt(r[0]), Double.parseDouble(r[1]), r[2], r[4]))
                .toList();
    }

    /** When the red phase began, from signal.csv. */
    static double redOnsetS() {
        return csv("signal.csv").stream().filter(r -> r[2].equals("red")).mapToDouble(r -> Double.parseDouble(r[0]))
                .findFirst().orElseThrow();
    }

    /**
     * The violation event the analytics would publish for a labelled violation: crossing at the labelled frame,
     * "before" and "after" one second (6 frames) either side.
     */
    static RedLightViolation event(LabelledViolation l, long trackId) {
        long at = l.frame();
        Instant time = T0.plusMillis(Math.round(l.timeS() * 1000)); // the labelled presentation time
        return new RedLightViolation(RedLightViolation.eventId(CAMERA, "southbound", trackId, at), CAMERA,
                "southbound", trackId, l.roadUserClass(), time.atOffset(ZoneOffset.ofHours(7)), SignalState.RED,
                l.timeS() - redOnsetS(), null, 14.0, new RedLightViolation.Frames(at - 6, at, at + 6), 3, LOCATION,
                null, null);
    }

    private static List<String[]> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(data("videos/labels/" + CLIP + "/" + name));
            // The description column may hold quoted commas; only the leading columns are used.
            return lines.stream().skip(1).filter(s -> !s.isBlank()).map(s -> s.split(",", 6)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
