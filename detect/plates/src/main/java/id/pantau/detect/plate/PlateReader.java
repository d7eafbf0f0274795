package id.pantau.detect.plate;

import id.pantau.core.asset.Assets;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.BoundingBox;
import id.pantau.detect.plate.grammar.GrammarCtcDecoder;
import id.pantau.detect.plate.grammar.GrammarReading;
import id.pantau.detect.plate.grammar.IndonesianPlateGrammar;
import id.pantau.detect.plate.image.MatImages;
import id.pantau.detect.plate.image.Quad;
import id.pantau.detect.plate.locate.PlateCandidate;
import id.pantau.detect.plate.locate.PlateLocator;
import id.pantau.detect.plate.ocr.CharacterSet;
import id.pantau.detect.plate.ocr.CtcScores;
import id.pantau.detect.plate.ocr.DecodedText;
import id.pantau.detect.plate.ocr.GreedyCtcDecoder;
import id.pantau.detect.plate.ocr.MainLineSelector;
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

    private final OnnxModel vehicleDetectorModel;
    private final OnnxModel sceneDetectorModel;
    private final OnnxModel textDetectorModel;
    private final OnnxModel recognizerModel;
    private final PlateLocator vehiclePlates;
    private final PlateLocator scenePlates;
    private final TextLineDetector textLines;
    private final TextRecognizer recognizer;
    private final MainLineSelector mainLine = new MainLineSelector();
    private final GrammarCtcDecoder grammarDecoder;
    private final IndonesianPlateGrammar grammar;
    private final PlateReaderSettings settings;
    private final Counter read;
    private final Counter unreadable;
    private final Timer timer;

    private PlateReader(Assets assets, PlateReaderSettings settings, MeterRegistry registry) {
        this.settings = settings;
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
        grammarDecoder = new GrammarCtcDecoder(grammar.regions());
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
     * (close-up plates). Measured on the Indonesian street photos (dev part): plate-box recall 64 % with one plain
     * pass, 82 % with these four; see docs/plates.md.
     */
    static final List<PlateLocator.Pass> SCENE_PASSES = List.of(new PlateLocator.Pass(1, false),
            new PlateLocator.Pass(1, true), new PlateLocator.Pass(3, false), new PlateLocator.Pass(3, true));

    /** Every plate in a whole picture (a scene, not a vehicle crop), best first. */
    public List<PlateReading> readScene(Mat bgr) {
        List<PlateReading> out = new ArrayList<>();
        for (PlateCandidate c : scenePlates.detect(bgr, SCENE_PASSES)) {
            out.add(readAt(bgr, c.corners()));
        }
        return out;
    }

    /** Plates found by the scene detector, without reading them (for measuring detection on its own). */
    public List<PlateCandidate> locate(Mat bgr) {
        return scenePlates.detect(bgr, SCENE_PASSES);
    }

    private PlateReading readAt(Mat bgr, Quad corners) {
        try (Mat plate = rectify(bgr, corners)) {
            PlateReading r = readPlate(plate);
            return new PlateReading(r.status(), r.plate(), r.region(), r.confidence(), r.characterConfidences(),
                    corners.bounds().clip(bgr.cols(), bgr.rows()), r.crop());
        }
    }

    /** Warps the plate to an upright rectangle of the standard height, keeping its aspect ratio. */
    public Mat rectify(Mat bgr, Quad corners) {
        Quad q = corners.expand(PLATE_MARGIN_X, PLATE_MARGIN_Y);
        int h = settings.plateHeight();
        int w = (int) Math.round(h * Math.max(1.0, q.width() / Math.max(1.0, q.height())));
        return MatImages.warp(bgr, q, Math.min(w, 8 * h), h);
    }

    /** Reads a picture that is already a plate (upright, tightly cropped), under the Indonesian grammar. */
    public PlateReading readPlate(Mat plate) {
        if (plate == null || plate.empty() || plate.channels() != 3) {
            throw new IllegalArgumentException("a plate picture must be a non-empty BGR image, got "
                    + (plate == null ? "null" : plate.cols() + "x" + plate.rows() + "x" + plate.channels()));
        }
        long start = System.nanoTime();
        Optional<GrammarReading> best = mainLineScores(plate).flatMap(grammarDecoder::decode);
        BufferedImage crop = MatImages.toBufferedImage(plate);
        BoundingBox whole = new BoundingBox(0, 0, plate.cols(), plate.rows());
        PlateReading reading;
        if (best.isPresent() && best.get().confidence() >= settings.minConfidence()) {
            GrammarReading g = best.get();
            reading = new PlateReading(PlateStatus.READ, g.plate(), grammar.region(g.plate()).orElseThrow(),
                    g.confidence(), g.confidences(), whole, crop);
            read.increment();
        } else {
            reading = PlateReading.unreadable(best.map(GrammarReading::confidence).orElse(0.0), whole, crop);
            unreadable.increment();
        }
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        log.debug("plate {}x{}: {}", plate.cols(), plate.rows(), reading);
        return reading;
    }

    /** Reads a plate picture without any grammar (plates of other countries): the main line's text. */
    public Optional<DecodedText> readPlateText(Mat plate) {
        return mainLineScores(plate).map(GreedyCtcDecoder::decode);
    }

    private Optional<CtcScores> mainLineScores(Mat plate) {
        try (Mat scaled = padded(scaleToHeight(plate))) {
            Optional<Quad> line = mainLine.select(textLines.detect(scaled));
            if (line.isEmpty()) {
                // no line found: let the recogniser try the whole plate rather than give up
                return Optional.of(recognizer.recognise(scaled));
            }
            // The plate is upright, so the number's line is a horizontal band: read the band across the whole
            // plate. The text detector often misses a lone character at the edge (the one-letter region code,
            // a thin "1" or "L"); the recogniser does not, and whatever else the band holds (frame, screws)
            // is not a plate character and decodes as blank under the grammar.
            Quad q = band(line.get(), scaled.cols(), scaled.rows());
            int w = (int) Math.max(8, Math.round(q.width())), h = (int) Math.max(8, Math.round(q.height()));
            try (Mat lineImage = MatImages.warp(scaled, q, w, h)) {
                return Optional.of(recognizer.recognise(lineImage));
            }
        }
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
