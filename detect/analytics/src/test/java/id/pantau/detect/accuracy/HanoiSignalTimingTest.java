package id.pantau.detect.accuracy;

import id.pantau.core.camera.CameraId;
import id.pantau.core.camera.config.CameraConfig;
import id.pantau.core.camera.config.CameraConfigLoader;
import id.pantau.core.camera.config.PixelBox;
import id.pantau.core.event.LineCrossing;
import id.pantau.core.event.RedLightViolation;
import id.pantau.core.event.SignalChange;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.TrackedFrame;
import id.pantau.detect.SharedData;
import id.pantau.detect.analytics.AnalyticsEngine;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.motion.MotionSettings;
import id.pantau.detect.stage.PerceptionStage;
import id.pantau.detect.track.TrackerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * time_into_red_s and amber_duration_s of the red-light violations on the Hanoi clip, per labelled violation,
 * against the labelled signal timeline (signal.csv: amber to 0.5 s, red 0.5-42.49 s), through the whole path
 * (motion gate, YOLOX-nano, ByteTrack, analytics with the vision signal of docs/examples/hanoi-camera.json).
 * <p>
 * The clip's amber began before the clip, so its length is not in the footage. The analytics are therefore shown,
 * before the clip, a lead-in made of the clip's own signal head: its green frames (255-383, 21.5 s) and then its
 * amber frames (0-2) repeated for 2.5 s, so the amber before the clip's red lasts 2.5 + 0.5 = 3.0 s by
 * construction (only the head's pixels are pasted; the lead-in has no road users). The clip itself follows, every
 * frame with its tracks. Three analytics engines see the same tracks:
 * <ul>
 *     <li>{@code as-is}: the clip's pictures;</li>
 *     <li>{@code dim}: the red lamp rendered at 40 % of its brightness for 2 s twice inside the red (clip 10-12 s
 *     and 30-32 s): lit, but below the fixed cut of 120, as an exposure change does (issue #13 A);</li>
 *     <li>{@code dark}: the red lamp painted as the unlit housing for the same two 2 s spells.</li>
 * </ul>
 * For each labelled violation matched by a report (crossing within 1.5 s, as RealFootageAnalyticsTest), the
 * reported time into red must equal the time from the labelled red onset to the reported crossing within one
 * frame period (1/6 s), and the amber duration must be 3.0 s within one frame period. Before the phase gap and the
 * learned lamp levels, each dip ended the red: the violations after it were reported a few seconds into red and
 * without an amber (measured: error -11.66 s, no amber).
 * <p>
 * The same run also checks the counting line of the example against crossings.csv: a rider and the bike under it
 * count once ({@link #ridersAndTheirBikesAreCountedOnceOnTheLabelledLine}).
 */
class HanoiSignalTimingTest {
    private static final String CLIP = "hanoi_cctv_lythuongkiet-hangbai_intersection_64s";
    private static final Instant T0 = Instant.parse("2022-09-25T09:00:00Z");
    private static final double FRAME_S = 1 / 6.0;
    private static final double LEAD_AMBER_S = 2.5;
    /** The head's neighbourhood copied into lead-in pictures (lamps, countdown). */
    private static final int HX1 = 540;
    private static final int HX2 = 585;
    private static final int HY1 = 140;
    private static final int HY2 = 240;

    private static final Map<String, List<RedLightViolation>> violations = new LinkedHashMap<>();
    private static final Map<String, List<SignalChange>> changes = new LinkedHashMap<>();
    /** Line crossings of the as-is engine on the labelled counting line, with the crossing track's ground x. */
    private static final List<LineCrossing> crossings = new ArrayList<>();
    private static final List<double[]> labels = new ArrayList<>();   // {time_s, definite?1:0}
    private static double redOnsetLabel;
    private static double clipOffset;
    private static long leadInFrames;

    private record Head(double t, byte[] pixels) {
    }

    @BeforeAll
    static void run() throws Exception {
        CameraConfig config = new CameraConfigLoader().load(
                Path.of(System.getProperty("pantau.home"), "docs", "examples", "hanoi-camera.json"));
        PixelBox red = config.approaches().getFirst().signal().lamps().red();
        for (String row : Files.readAllLines(SharedData.data("videos/labels/" + CLIP + "/violations.csv"))
                .subList(1, 16)) {
            String[] f = row.split(",");
            labels.add(new double[] {Double.parseDouble(f[1]), f[4].equals("definite") ? 1 : 0});
        }
        for (String row : Files.readAllLines(SharedData.data("videos/labels/" + CLIP + "/signal.csv")).subList(1, 4)) {
            String[] f = row.split(",");
            if (f[2].equals("red")) {
                redOnsetLabel = Double.parseDouble(f[0]);
            }
        }
        Path video = SharedData.data("videos/" + CLIP + ".mp4");
        CameraId cam = CameraId.of(config.camera());

        // pass 1: the head's pixels of the green frames and the amber frames
        List<Head> green = new ArrayList<>();
        List<Head> amber = new ArrayList<>();
        int w;
        int h;
        try (VideoFileReader reader = new VideoFileReader(video, cam)) {
            w = reader.width();
            h = reader.height();
            for (VideoFrame f; (f = reader.next()) != null; ) {
                double t = f.streamTimeMicros() / 1e6;
                if (f.sequence() <= 2) {
                    amber.add(new Head(t, head(f.bgr(), w)));
                } else if (f.sequence() >= 255) {
                    green.add(new Head(t, head(f.bgr(), w)));
                }
            }
        }
        List<Head> leadIn = new ArrayList<>();
        double green0 = green.getFirst().t();
        for (Head g : green) {
            leadIn.add(new Head(g.t() - green0, g.pixels()));
        }
        double amberStart = green.getLast().t() - green0 + FRAME_S;
        int amberFrames = (int) Math.round(LEAD_AMBER_S / FRAME_S);
        for (int k = 0; k < amberFrames; k++) {
            leadIn.add(new Head(amberStart + k * FRAME_S, amber.get(k % amber.size()).pixels()));
        }
        clipOffset = amberStart + amberFrames * FRAME_S;

        Map<String, AnalyticsEngine> engines = new LinkedHashMap<>();
        for (String name : List.of("as-is", "dim", "dark")) {
            engines.put(name, new AnalyticsEngine(config, new SimpleMeterRegistry()));
            violations.put(name, new ArrayList<>());
            changes.put(name, new ArrayList<>());
        }
        long seq = 0;
        for (Head l : leadIn) {
            Instant at = T0.plusNanos(Math.round(l.t() * 1e9));
            byte[] px = new byte[w * h * 3];
            paste(px, l.pixels(), w);
            TrackedFrame tf = new TrackedFrame(cam, seq, at, w, h, List.of(), false);
            for (var e : engines.entrySet()) {
                collect(e.getKey(), e.getValue().analyse(tf, new VideoFrame(cam, seq, at, 0, w, h,
                        ByteBuffer.wrap(px.clone()))).events());
            }
            seq++;
        }

        leadInFrames = seq;
        // pass 2: the clip through perception, capture times after the lead-in
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Instant clipStart = T0.plusNanos(Math.round(clipOffset * 1e9));
        try (VideoFileReader reader = new VideoFileReader(video, cam, clipStart);
             PerceptionStage perception = new PerceptionStage(SharedData.yoloxNanoForTracking(),
                     MotionSettings.defaults(), TrackerSettings.defaults(), registry)) {
            for (VideoFrame f; (f = reader.next()) != null; ) {
                TrackedFrame tracked = perception.process(f);
                TrackedFrame tf = new TrackedFrame(cam, seq, tracked.captureTime(), w, h, tracked.objects(),
                        tracked.detected());
                byte[] px = new byte[w * h * 3];
                f.bgr().duplicate().get(px);
                double t = f.streamTimeMicros() / 1e6;
                boolean dip = (t >= 10 && t < 12) || (t >= 30 && t < 32);
                for (var e : engines.entrySet()) {
                    byte[] shown = px;
                    if (dip && e.getKey().equals("dim")) {
                        shown = px.clone();
                        scale(shown, w, red, 0.4);
                    } else if (dip && e.getKey().equals("dark")) {
                        shown = px.clone();
                        housing(shown, w, red);
                    }
                    collect(e.getKey(), e.getValue().analyse(tf, new VideoFrame(cam, seq, tf.captureTime(),
                            f.streamTimeMicros(), w, h, ByteBuffer.wrap(shown))).events());
                }
                seq++;
            }
        }
    }

    private static void collect(String engine, List<id.pantau.core.event.PipelineEvent> events) {
        for (var e : events) {
            if (e instanceof LineCrossing c && engine.equals("as-is")) {
                crossings.add(c);
            }
            if (e instanceof RedLightViolation v) {
                violations.get(engine).add(v);
            } else if (e instanceof SignalChange c) {
                changes.get(engine).add(c);
            }
        }
    }

    private static byte[] head(ByteBuffer bgr, int w) {
        byte[] out = new byte[(HX2 - HX1) * (HY2 - HY1) * 3];
        ByteBuffer b = bgr.duplicate();
        for (int y = HY1; y < HY2; y++) {
            b.position((y * w + HX1) * 3);
            b.get(out, (y - HY1) * (HX2 - HX1) * 3, (HX2 - HX1) * 3);
        }
        return out;
    }

    private static void paste(byte[] px, byte[] head, int w) {
        for (int y = HY1; y < HY2; y++) {
            System.arraycopy(head, (y - HY1) * (HX2 - HX1) * 3, px, (y * w + HX1) * 3, (HX2 - HX1) * 3);
        }
    }

    /** The lamp region and a 2 px margin at {@code factor} of its brightness. */
    private static void scale(byte[] px, int w, PixelBox b, double factor) {
        for (int y = b.y1() - 2; y < b.y2() + 2; y++) {
            for (int x = b.x1() - 2; x < b.x2() + 2; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = (y * w + x) * 3 + c;
                    px[i] = (byte) Math.round((px[i] & 0xff) * factor);
                }
            }
        }
    }

    /** The lamp region and a 2 px margin painted the colour of the unlit housing. */
    private static void housing(byte[] px, int w, PixelBox b) {
        for (int y = b.y1() - 2; y < b.y2() + 2; y++) {
            for (int x = b.x1() - 2; x < b.x2() + 2; x++) {
                int i = (y * w + x) * 3;
                px[i] = 28;
                px[i + 1] = 24;
                px[i + 2] = 24;
            }
        }
    }

    private static double clipSeconds(RedLightViolation v) {
        return (v.time().toInstant().toEpochMilli() - T0.toEpochMilli()) / 1000.0 - clipOffset;
    }

    /** Per engine: match, print the error per violation, and assert it. */
    private static void check(String engine) {
        List<RedLightViolation> found = violations.get(engine);
        boolean[] used = new boolean[labels.size()];
        int matchedDefinite = 0;
        double worst = 0;
        double worstAmber = 0;
        System.out.printf(Locale.ROOT, "hanoi signal timing [%s]: signal changes %s%n", engine,
                changes.get(engine).stream().map(c -> String.format(Locale.ROOT, "%s@%.2f", c.state().label(),
                        (c.time().toInstant().toEpochMilli() - T0.toEpochMilli()) / 1000.0 - clipOffset)).toList());
        for (RedLightViolation v : found) {
            double t = clipSeconds(v);
            int best = -1;
            for (int i = 0; i < labels.size(); i++) {
                if (!used[i] && Math.abs(labels.get(i)[0] - t) <= 1.5) {
                    best = i;
                    break;
                }
            }
            double expected = t - redOnsetLabel;
            double error = v.timeIntoRedS() - expected;
            String amber = v.amberDurationS() == null ? "none" : String.format(Locale.ROOT, "%.3f", v.amberDurationS());
            double amberError = v.amberDurationS() == null ? Double.POSITIVE_INFINITY : v.amberDurationS() - 3.0;
            System.out.printf(Locale.ROOT, "  [%s] label %s: crossing at %.3f s, time_into_red reported %.3f,"
                            + " labelled timeline %.3f, error %+.3f s; amber reported %s, labelled 3.000%n", engine,
                    best < 0 ? "none" : String.format(Locale.ROOT, "%.3f s", labels.get(best)[0]), t,
                    v.timeIntoRedS(), expected, error, amber);
            if (best >= 0) {
                used[best] = true;
                matchedDefinite += labels.get(best)[1] > 0 ? 1 : 0;
                worst = Math.max(worst, Math.abs(error));
                worstAmber = Math.max(worstAmber, Math.abs(amberError));
            }
        }
        System.out.printf(Locale.ROOT, "hanoi signal timing [%s]: %d found, %d of 13 definite matched; worst"
                + " |error| time_into_red %.3f s, amber %.3f s (one frame = %.3f s)%n", engine, found.size(),
                matchedDefinite, worst, worstAmber, FRAME_S);
        assertThat(matchedDefinite).as("matched definite violations [%s]", engine).isGreaterThanOrEqualTo(11);
        assertThat(worst).as("worst time_into_red error [%s]", engine).isLessThanOrEqualTo(FRAME_S + 1e-3);
        assertThat(worstAmber).as("worst amber duration error [%s]", engine).isLessThanOrEqualTo(FRAME_S + 1e-3);
    }

    @Test
    void timeIntoRedAndAmberAreRightWithinOneFrameOnTheClipAsIs() {
        check("as-is");
    }

    @Test
    void aLitRedLampRenderedDimForTwoSecondsTwiceKeepsTheRedOnset() {
        check("dim");
    }

    @Test
    void aRedLampReadingDarkForTwoSecondsTwiceKeepsTheRedOnset() {
        check("dark");
    }

    /**
     * Issue #13 B on real footage: the labelled counting line of the example (near edge of the zebra crossing) on
     * the same run, against crossings.csv in the direction the labels are sure of ("away" = out, +-1; "towards"
     * has +-5 riders leaving through the image edge). The labels count a motorcycle with its riders once. A counted
     * crossing matches an unused labelled one of its kind (car/truck/bus, or two-wheeler: motorcycle, bicycle, or
     * a person, i.e. a rider seen without its bike) within 1 s (6 frames), closest pairs first; a counted crossing
     * left over is an extra count: a rider counted beside its bike, or a false crossing.
     */
    @Test
    void ridersAndTheirBikesAreCountedOnceOnTheLabelledLine() throws Exception {
        record Labelled(long frame, String cls) {
        }
        List<Labelled> away = new ArrayList<>();
        for (String row : Files.readAllLines(SharedData.data("videos/labels/" + CLIP + "/crossings.csv")).subList(1,
                56)) {
            String[] f = row.split(",", 5);
            if (f[3].equals("away")) {
                away.add(new Labelled(Long.parseLong(f[0]), f[2]));
            }
        }
        List<LineCrossing> out = crossings.stream()
                .filter(c -> c.direction() == id.pantau.core.event.CrossingDirection.OUT).toList();
        List<long[]> pairs = new ArrayList<>();   // {gap, label index, crossing index}
        for (int i = 0; i < away.size(); i++) {
            for (int j = 0; j < out.size(); j++) {
                long gap = Math.abs(away.get(i).frame() - (out.get(j).frame() - leadInFrames));
                if (gap <= 6 && car(away.get(i).cls()) == car(out.get(j).roadUserClass())) {
                    pairs.add(new long[] {gap, i, j});
                }
            }
        }
        pairs.sort(java.util.Comparator.comparingLong(x -> x[0]));
        java.util.Set<Long> usedLabels = new java.util.HashSet<>();
        java.util.Set<Long> usedCrossings = new java.util.HashSet<>();
        for (long[] p : pairs) {
            if (!usedLabels.contains(p[1]) && !usedCrossings.contains(p[2])) {
                usedLabels.add(p[1]);
                usedCrossings.add(p[2]);
            }
        }
        List<String> extra = new ArrayList<>();
        for (int j = 0; j < out.size(); j++) {
            if (!usedCrossings.contains((long) j)) {
                LineCrossing c = out.get(j);
                extra.add(c.roadUserClass() + " track " + c.trackId() + " frame " + (c.frame() - leadInFrames));
            }
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < away.size(); i++) {
            if (!usedLabels.contains((long) i)) {
                missed.add(away.get(i).cls() + " frame " + away.get(i).frame());
            }
        }
        Map<String, Long> byClassDir = new java.util.TreeMap<>();
        crossings.forEach(c -> byClassDir.merge(c.direction().label() + " " + c.roadUserClass(), 1L, Long::sum));
        System.out.printf(Locale.ROOT, "hanoi counting line: all crossings %s (labelled: in = towards 6 car + 26"
                + " motorcycle +5/-4, out = away 4 car + 18 motorcycle + 1 bicycle)%n", byClassDir);
        System.out.printf(Locale.ROOT, "hanoi counting line, away: %d counted, %d of %d labelled matched, extra %s,"
                + " missed %s%n", out.size(), usedLabels.size(), away.size(), extra, missed);
        // measured after the fix: 21 of 23 matched, no extra (before: 20 matched, 2 riders counted beside their bikes)
        assertThat(extra).as("extra counts on the away side").isEmpty();
        assertThat(usedLabels.size()).isGreaterThanOrEqualTo(20);
    }

    private static boolean car(String cls) {
        return cls.equals("car") || cls.equals("truck") || cls.equals("bus");
    }
}
