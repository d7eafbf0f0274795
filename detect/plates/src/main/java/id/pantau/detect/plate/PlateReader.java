package id.pantau.detect.plate;

import id.pantau.core.asset.Assets;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.grammar.GrammarCtcDecoder;
import id.pantau.detect.plate.grammar.GrammarReading;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.detect.plate.grammar.RegionPrior;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.image.Quad;
import id.pantau.detect.plate.locate.PlateCandidate;
import id.pantau.detect.plate.locate.PlateLocator;
import id.pantau.detect.plate.ocr.CharacterSet;
import id.pantau.detect.plate.ocr.CtcScores;
import id.pantau.detect.plate.ocr.DecodedText;
import id.pantau.detect.plate.ocr.GreedyCtcDecoder;
import id.pantau.detect.plate.ocr.MainLineSelector;
import id.pantau.detect.plate.ocr.SceneLineJoiner;
import id.pantau.detect.plate.ocr.TextLineDetector;
import id.pantau.detect.plate.ocr.TextRecognizer;
import id.pantau.detect.runtime.OnnxModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Indonesian plates: finds the plate (with its four corners) inside a vehicle's box, warps it upright,
 * finds the registration number's text line, recognises it, and decodes it under the plate grammar.
 * Thread-safe: the models keep a pool of predictors.
 *
 * <pre>{@code
 * try (PlateReader reader = PlateReader.open(Assets.defaults(), PlateReaderSettings.defaults(), registry)) {
 *     Optional<PlateReading> r = reader.read(frame, vehicle.box());
 * }
 * }</pre>
 */
public final class PlateReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlateReader.class);
    /** a vehicle box is grown by this share on each side: detector boxes often cut the bumper and its plate */
    private static final double VEHICLE_MARGIN = 0.05;
    /** the plate's corners are grown a little so that the outer characters are never cut by the warp */
    private static final double PLATE_MARGIN_X = 0.04;
    private static final double PLATE_MARGIN_Y = 0.08;
    /** plates located in a scene are cut this much wider on each side (a share of their width) */
    private static final double WIDE_MARGIN_X = 0.12;

    private final OnnxModel vehicleDetectorModel;
    private final OnnxModel sceneDetectorModel;
    private final OnnxModel textDetectorModel;
    private final OnnxModel recognizerModel;
    private final PlateLocator vehiclePlates;
    private final PlateLocator scenePlates;
    private final TextLineDetector textLines;
    private final TextRecognizer recognizer;
    private final MainLineSelector mainLine = new MainLineSelector();
    private final SceneLineJoiner lineJoiner = new SceneLineJoiner();
    private final GrammarCtcDecoder grammarDecoder;
    private final IndonesianPlateGrammar grammar;
    private final PlateReaderSettings settings;
    private final ConfidenceCalibration calibration;
    private final Counter read;
    private final Counter unreadable;
    private final Timer timer;

    private PlateReader(Assets assets, PlateReaderSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.calibration = settings.calibration();
        int threads = settings.intraOpThreads();
        vehicleDetectorModel = OnnxModel.load("plate_det_y5fu_320", assets.model("plate_det_y5fu_320").path(), threads);
        sceneDetectorModel = OnnxModel.load("plate_det_y5fu_640", assets.model("plate_det_y5fu_640").path(), threads);
        textDetectorModel = OnnxModel.load("ppocrv4_det", assets.model("ppocrv4_det").path(), threads);
        recognizerModel = OnnxModel.load("ppocrv4_rec", assets.model("ppocrv4_rec").path(), threads);
        vehiclePlates = new PlateLocator(vehicleDetectorModel, 320, settings.minPlateScore());
        scenePlates = new PlateLocator(sceneDetectorModel, 640, settings.minPlateScore());
        textLines = new TextLineDetector(textDetectorModel);
        recognizer = new TextRecognizer(recognizerModel, CharacterSet.load(assets.model("ppocr_keys_v1").path()));
        grammar = IndonesianPlateGrammar.standard();
        grammarDecoder = new GrammarCtcDecoder(grammar.regions(), settings.regionPrior() == null
                ? RegionPrior.uniform(grammar.regions()) : settings.regionPrior());
        read = Counter.builder("pantau.plates.readings").tag("status", "read").register(registry);
        unreadable = Counter.builder("pantau.plates.readings").tag("status", "unreadable").register(registry);
        timer = Timer.builder("pantau.plates.read.duration").description("one plate: locate, rectify, OCR")
                .register(registry);
    }

    /** Loads the four models through the asset resolver (cache, ../shared, or download with checksum). */
    public static PlateReader open(Assets assets, PlateReaderSettings settings, MeterRegistry registry) {
        return new PlateReader(assets, settings, registry);
    }

    /** The plate of the vehicle in this box; empty when no plate is visible there. */
    public Optional<PlateReading> read(VideoFrame frame, BoundingBox vehicleBox) {
        BoundingBox grown = vehicleArea(vehicleBox, frame.width(), frame.height());
        if (grown == null) {
            return Optional.empty();
        }
        // copy only the vehicle's pixels out of the frame, not the whole picture
        try (Mat vehicle = MatImages.crop(frame, grown)) {
            return readVehicle(vehicle, grown);
        }
    }

    public Optional<PlateReading> read(BufferedImage image, BoundingBox vehicleBox) {
        try (Mat m = MatImages.of(image)) {
            return read(m, vehicleBox);
        }
    }

    public Optional<PlateReading> read(Mat bgr, BoundingBox vehicleBox) {
        BoundingBox grown = vehicleArea(vehicleBox, bgr.cols(), bgr.rows());
        if (grown == null) {
            return Optional.empty();
        }
        try (Mat vehicle = MatImages.crop(bgr, grown)) {
            return readVehicle(vehicle, grown);
        }
    }

    /** The vehicle box grown by the margin and clipped to the picture; null when too small to hold a plate. */
    private static BoundingBox vehicleArea(BoundingBox v, int width, int height) {
        BoundingBox grown = new BoundingBox(Math.floor(v.x1() - VEHICLE_MARGIN * v.width()),
                Math.floor(v.y1() - VEHICLE_MARGIN * v.height()), Math.ceil(v.x2() + VEHICLE_MARGIN * v.width()),
                Math.ceil(v.y2() + VEHICLE_MARGIN * v.height())).clip(width, height);
        return grown.width() < 8 || grown.height() < 8 ? null : grown;
    }

    private Optional<PlateReading> readVehicle(Mat vehicle, BoundingBox area) {
        List<PlateCandidate> plates = vehiclePlates.detect(vehicle);
        if (plates.isEmpty()) {
            return Optional.empty();
        }
        PlateReading r = readAt(vehicle, plates.getFirst().corners());
        BoundingBox b = r.box();
        BoundingBox inPicture = new BoundingBox(b.x1() + area.x1(), b.y1() + area.y1(), b.x2() + area.x1(),
                b.y2() + area.y1());
        return Optional.of(new PlateReading(r.status(), r.plate(), r.region(), r.confidence(),
                r.characterConfidences(), inPicture, r.crop()));
    }

    /**
     * How a whole picture is searched: as it is and inverted (black plates), at full size and shrunk to a third
     * (close-up plates). Measured on the 413 Indonesian street photos: plate-box recall 64 % with one plain pass,
     * 81 % with these four; see docs/plates.md.
     */
    static final List<PlateLocator.Pass> SCENE_PASSES = List.of(new PlateLocator.Pass(1, false),
            new PlateLocator.Pass(1, true), new PlateLocator.Pass(3, false), new PlateLocator.Pass(3, true));

    /** Every plate in a whole picture (a scene, not a vehicle crop), best first. */
    public List<PlateReading> readScene(Mat bgr) {
        List<PlateReading> out = new ArrayList<>();
        for (Quad q : scenePlateCorners(bgr)) {
            out.add(readAt(bgr, q));
        }
        return out;
    }

    /** A text line this much wider than the detector's box on the same row replaces the box (see scenePlateCorners). */
    static final double WIDER_LINE = Double.parseDouble(System.getProperty("pantau.plates.widerLine", "1.15"));

    /** Scene text lines are searched at this long side (the photos of the shared set are 416 px). */
    private static final int TEXT_SEARCH_SIDE = 640;

    /**
     * The plate detector's plates, then plate-shaped text lines of the text detector where the plate detector found
     * nothing: the y5fu detector never fires on Indonesian motorbike plates. A text line is grown to the plate
     * around it (0.55 line heights left and right, 0.2 up, 0.6 down for the expiry row: medians of the dev part).
     */
    private List<Quad> scenePlateCorners(Mat bgr) {
        List<PlateCandidate> plates = scenePlates.detect(bgr, SCENE_PASSES);
        List<Quad> out = new ArrayList<>(plates.stream().map(PlateCandidate::corners).toList());
        if (!settings.textProposals()) {
            return out;
        }
        double f = Math.max(1.0, (double) TEXT_SEARCH_SIDE / Math.max(bgr.cols(), bgr.rows()));
        List<id.pantau.detect.plate.ocr.TextLine> lines;
        try (Mat big = MatImages.resize(bgr, (int) Math.round(bgr.cols() * f), (int) Math.round(bgr.rows() * f))) {
            lines = lineJoiner.join(textLines.detect(big));
        }
        for (id.pantau.detect.plate.ocr.TextLine l : lines) {
            Quad q = l.outline().scale(1 / f);
            double h = q.height(), w = q.width();
            if (h < 6 || w < 2 * h || w > 15 * h) {
                continue;
            }
            Quad plate = new Quad(shift(q.topLeft(), -0.55 * h, -0.2 * h), shift(q.topRight(), 0.55 * h, -0.2 * h),
                    shift(q.bottomRight(), 0.55 * h, 0.6 * h), shift(q.bottomLeft(), -0.55 * h, 0.6 * h));
            BoundingBox b = plate.bounds();
            int known = -1;
            for (int k = 0; k < plates.size() && known < 0; k++) {
                BoundingBox c = plates.get(k).box();
                if (c.iou(b) > 0.2 || (b.centerX() > c.x1() && b.centerX() < c.x2() && b.centerY() > c.y1()
                        && b.centerY() < c.y2())) {
                    known = k;
                }
            }
            if (known >= 0) {
                // The Chinese-trained detector boxes a Chinese plate's proportions: on a longer Indonesian number it
                // often cuts the region code or the last letters. A text line on the same row that reaches further
                // holds the whole number: the plate is the line's.
                BoundingBox c = plates.get(known).box();
                double overlapY = Math.min(c.y2(), b.y2()) - Math.max(c.y1(), b.y1());
                if (b.width() > WIDER_LINE * c.width() && overlapY > 0.5 * c.height()) {
                    out.set(known, plate);
                }
            } else if (out.stream().noneMatch(o -> o.bounds().iou(b) > 0.3)) {
                out.add(plate);
            }
        }
        return out;
    }

    private static id.pantau.core.perception.Point shift(id.pantau.core.perception.Point p, double dx, double dy) {
        return new id.pantau.core.perception.Point(p.x() + dx, p.y() + dy);
    }

    /** Plates found by the scene detector, without reading them (for measuring detection on its own). */
    public List<PlateCandidate> locate(Mat bgr) {
        return scenePlates.detect(bgr, SCENE_PASSES);
    }

    private PlateReading readAt(Mat bgr, Quad corners) {
        return toReading(decodeAt(bgr, corners));
    }

    /** The grammatical readings of the plate at these corners, not yet judged. */
    Decoded decodeAt(Mat bgr, Quad corners) {
        // The located box often holds only part of an Indonesian plate (the Chinese-trained detector cuts the
        // region code or the last letter): cut it a little wider.
        try (Mat plate = rectify(bgr, corners, WIDE_MARGIN_X)) {
            Decoded d = decode(plate);
            return new Decoded(d.top(), d.outside(), corners.bounds().clip(bgr.cols(), bgr.rows()), d.crop(),
                    d.nanos());
        }
    }

    /** Every located plate of a scene, decoded but not yet judged (for calibrating the confidence). */
    List<Decoded> decodeScene(Mat bgr) {
        List<Decoded> out = new ArrayList<>();
        for (Quad q : scenePlateCorners(bgr)) {
            out.add(decodeAt(bgr, q));
        }
        return out;
    }

    /** Warps the plate to an upright rectangle of the standard height, keeping its aspect ratio. */
    public Mat rectify(Mat bgr, Quad corners) {
        return rectify(bgr, corners, PLATE_MARGIN_X);
    }

    private Mat rectify(Mat bgr, Quad corners, double marginX) {
        Quad q = corners.expand(marginX, PLATE_MARGIN_Y);
        int h = settings.plateHeight();
        int w = (int) Math.round(h * Math.max(1.0, q.width() / Math.max(1.0, q.height())));
        return MatImages.warp(bgr, q, Math.min(w, 8 * h), h);
    }

    /** Reads a picture that is already a plate (upright, tightly cropped), under the Indonesian grammar. */
    public PlateReading readPlate(Mat plate) {
        return toReading(decode(plate));
    }

    /** A plate's best grammatical readings (beam search), where it was, and the crop they came from. */
    record Decoded(List<GrammarReading> top, int[] outside, BoundingBox box, BufferedImage crop, long nanos) {
    }

    /** How many alternatives a reading carries. */
    static final int ALTERNATIVES = 3;

    Decoded decode(Mat plate) {
        if (plate == null || plate.empty() || plate.channels() != 3) {
            throw new IllegalArgumentException("a plate picture must be a non-empty BGR image, got "
                    + (plate == null ? "null" : plate.cols() + "x" + plate.rows() + "x" + plate.channels()));
        }
        long start = System.nanoTime();
        Optional<LineScores> line = mainLine(plate);
        List<GrammarReading> top = line.map(s -> grammarDecoder.decodeTop(s.scores(), ALTERNATIVES))
                .orElse(List.of());
        int[] outside = top.stream().mapToInt(g -> line.orElseThrow().outside(g)).toArray();
        return new Decoded(top, outside, new BoundingBox(0, 0, plate.cols(), plate.rows()),
                MatImages.toBufferedImage(plate), System.nanoTime() - start);
    }

    /**
     * READ when the best reading's calibrated confidence reaches the threshold and no runner-up is plausible too
     * ({@link ConfidenceCalibration#MAX_RUNNER_UP}); else UNCERTAIN with the best alternatives, or UNREADABLE when
     * nothing grammatical was seen.
     */
    PlateReading toReading(Decoded d) {
        PlateReading reading;
        List<PlateReading.Alternative> alternatives = new ArrayList<>();
        for (int i = 0; i < d.top().size(); i++) {
            GrammarReading g = d.top().get(i);
            alternatives.add(new PlateReading.Alternative(g.plate().text(), calibration.confidence(g, d.outside()[i])));
        }
        double runnerUp = alternatives.stream().skip(1).mapToDouble(PlateReading.Alternative::confidence).max().orElse(0);
        if (!d.top().isEmpty() && alternatives.getFirst().confidence() >= settings.minConfidence()
                && runnerUp < ConfidenceCalibration.MAX_RUNNER_UP) {
            GrammarReading g = d.top().getFirst();
            reading = new PlateReading(PlateStatus.READ, g.plate(), grammar.region(g.plate()).orElseThrow(),
                    alternatives.getFirst().confidence(), g.confidences(), d.box(), d.crop(), alternatives);
            read.increment();
        } else {
            reading = PlateReading.uncertain(alternatives, d.box(), d.crop());
            unreadable.increment();
        }
        timer.record(d.nanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        log.debug("plate {}: {}", d.box(), reading);
        return reading;
    }

    /** Reads a plate picture without any grammar (plates of other countries): the main line's text. */
    public Optional<DecodedText> readPlateText(Mat plate) {
        return mainLineScores(plate).map(GreedyCtcDecoder::decode);
    }

    private Optional<CtcScores> mainLineScores(Mat plate) {
        return mainLine(plate).map(LineScores::scores);
    }

    /**
     * The recogniser's output on the main line's band, with where the text detector saw the text: a character the
     * decoder places well outside the detected text (typically the frame's bar read as a trailing "L" or "I") is
     * evidence against the reading.
     *
     * @param textLeft  left end of the detected text, in the band's pixels
     * @param textRight right end of the detected text
     * @param stepWidth band pixels per recogniser step
     */
    record LineScores(CtcScores scores, double textLeft, double textRight, double lineHeight, double stepWidth) {
        /** Characters whose peak lies more than 0.3 line heights outside the detected text. */
        int outside(GrammarReading g) {
            if (g.peakSteps() == null) {
                return 0;
            }
            int n = 0;
            for (int step : g.peakSteps()) {
                double x = (step + 0.5) * stepWidth;
                n += x > textRight + 0.3 * lineHeight || x < textLeft - 0.3 * lineHeight ? 1 : 0;
            }
            return n;
        }
    }

    private Optional<LineScores> mainLine(Mat plate) {
        try (Mat scaled = padded(scaleToHeight(plate))) {
            Optional<Quad> line = mainLine.select(textLines.detect(scaled));
            if (line.isEmpty()) {
                // no line found: let the recogniser try the whole plate rather than give up
                CtcScores s = recognizer.recognise(scaled);
                return Optional.of(new LineScores(s, 0, scaled.cols(), scaled.rows(),
                        stepWidth(scaled.cols(), scaled.rows(), s.steps())));
            }
            // The plate is upright, so the number's line is a horizontal band: read the band across the whole
            // plate. The text detector often misses a lone character at the edge (the one-letter region code,
            // a thin "1" or "L"); the recogniser does not, and whatever else the band holds (frame, screws)
            // is not a plate character and decodes as blank under the grammar.
            Quad q = band(line.get(), scaled.cols(), scaled.rows());
            int w = (int) Math.max(8, Math.round(q.width())), h = (int) Math.max(8, Math.round(q.height()));
            try (Mat lineImage = MatImages.warp(scaled, q, w, h)) {
                CtcScores s = recognizer.recognise(lineImage);
                var b = line.get().bounds();
                return Optional.of(new LineScores(s, b.x1(), b.x2(), b.height(), stepWidth(w, h, s.steps())));
            }
        }
    }

    /** Band pixels per recogniser step: the band is resized to height 48 and padded right to >= 320. */
    private static double stepWidth(int bandWidth, int bandHeight, int steps) {
        int resized = Math.clamp((int) Math.ceil(48.0 * bandWidth / bandHeight), 8, 1280);
        int canvas = Math.max(320, resized);
        return (double) canvas / Math.max(1, steps) * bandWidth / resized;
    }

    private static Quad band(Quad line, int width, int height) {
        double top = Math.max(0, Math.min(line.topLeft().y(), line.topRight().y()));
        double bottom = Math.min(height, Math.max(line.bottomLeft().y(), line.bottomRight().y()));
        return Quad.of(new BoundingBox(0, top, width, Math.max(top + 1, bottom)));
    }

    /**
     * Adds a margin around the plate: crops are often tight, and the text detector misses a character that touches
     * the picture's edge (typically the one-letter region code).
     */
    private Mat padded(Mat plate) {
        int m = plate.rows() / 8;
        Mat out = new Mat();
        // the plate's mean colour: a neutral margin that neither adds edges nor looks like a character
        try (Scalar mean = opencv_core.mean(plate)) {
            opencv_core.copyMakeBorder(plate, out, m, m, m, m, opencv_core.BORDER_CONSTANT, mean);
        }
        plate.close();
        return out;
    }

    private Mat scaleToHeight(Mat plate) {
        int h = settings.plateHeight();
        int w = (int) Math.max(8, Math.round((double) plate.cols() * h / plate.rows()));
        return MatImages.resize(plate, w, h);
    }

    @Override
    public void close() {
        vehicleDetectorModel.close();
        sceneDetectorModel.close();
        textDetectorModel.close();
        recognizerModel.close();
    }
}
