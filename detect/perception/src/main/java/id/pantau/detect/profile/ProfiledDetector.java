package id.pantau.detect.profile;

import id.pantau.core.asset.AssetNotFoundException;
import id.pantau.core.asset.Assets;
import id.pantau.core.asset.ModelAsset;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.geometry.GroundScale;
import id.pantau.detect.geometry.TilePlanner;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.TiledDetector;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.DetectorModels;
import id.pantau.detect.model.DetectorSetupException;
import id.pantau.detect.preprocess.PixelRegion;
import id.pantau.detect.rider.PersonMotion;
import id.pantau.detect.rider.RiderContext;
import id.pantau.detect.rider.RiderMerger;
import id.pantau.detect.rider.RoadUserDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One camera's detector as its profile says: model, provider, tiles (none, a grid, explicit boxes, or planned from
 * the camera's geometry), tiles every n-th frame, and riders folded into motorbikes. {@link #detect} gives the
 * road users as detections (riders as motorcycles); {@link #detectRoadUsers} says which came from riders.
 * Opening checks everything and fails with a {@link DetectorSetupException} naming the camera and the field.
 */
public final class ProfiledDetector implements Detector {
    private static final Logger LOG = LoggerFactory.getLogger(ProfiledDetector.class);

    private final CameraDetectorConfig camera;
    private final OnnxDetector onnx;
    private final TiledDetector tiled;
    private final String plan;
    private final RiderMerger stills = new RiderMerger(0.35f, true);
    private final RiderMerger video = new RiderMerger(0.35f, false);
    private final RiderContext riders;
    private final PersonMotion motion = new PersonMotion();
    private final AtomicLong frames = new AtomicLong();

    private ProfiledDetector(CameraDetectorConfig camera, OnnxDetector onnx, TiledDetector tiled, String plan) {
        this.camera = camera;
        this.onnx = onnx;
        this.tiled = tiled;
        this.plan = plan;
        List<List<id.pantau.core.perception.Point>> walking = camera.walking();
        this.riders = new RiderContext(camera.zones(), walking);
    }

    /**
     * @param threads ONNX Runtime intra-op threads
     * @param forTracking report scores down to 0.1 (for the tracker), else the per-class thresholds
     */
    public static ProfiledDetector open(CameraDetectorConfig c, Assets assets, int threads, boolean forTracking) {
        DetectorProfile p = c.profile();
        DetectorModelSpec spec = resolve(c, assets);
        DetectorSettings settings = (forTracking ? DetectorSettings.forTracking(threads, 1)
                : DetectorSettings.singleStream(threads)).withProvider(p.provider(), 0);
        OnnxDetector onnx;
        try {
            onnx = OnnxDetector.open(spec, settings);
        } catch (DetectorSetupException e) {
            String field = e.getMessage().toLowerCase(Locale.ROOT).contains("cuda") ? "detector.provider"
                    : "detector.model";
            throw c.error(field, e.getMessage());
        }
        try {
            if (p.inputSize().isPresent() && (onnx.inputWidth() != p.inputSize().get()
                    || onnx.inputHeight() != p.inputSize().get())) {
                throw c.error("detector.input_size", p.inputSize().get() + " but model " + spec.name()
                        + " has a fixed input of " + onnx.inputWidth() + "x" + onnx.inputHeight()
                        + "; leave input_size out for this model");
            }
            TiledDetector tiled = null;
            String plan = "whole frame only";
            List<PixelRegion> tiles = new ArrayList<>();
            switch (p.tiles()) {
                case "none" -> {
                }
                case "geometry" -> {
                    GroundScale scale;
                    try {
                        scale = GroundScale.fit(c.calibrationImage(), c.calibrationGround());
                    } catch (IllegalArgumentException e) {
                        throw c.error("calibration.points", e.getMessage());
                    }
                    TilePlanner.Plan tp = new TilePlanner(onnx.inputWidth(), p.minObjectPx(), 0.2,
                            p.maxMagnification(), p.maxTiles()).plan(c.width(), c.height(), scale, c.zones());
                    tiles.addAll(tp.tiles());
                    plan = "geometry: " + tp.explanation();
                }
                case "boxes" -> {
                    for (int[] b : p.tileBoxes()) {
                        tiles.add(new PixelRegion(b[0], b[1], b[2] - b[0], b[3] - b[1]));
                    }
                    plan = tiles.size() + " configured tile(s)";
                }
                default -> {
                    String[] g = p.tiles().split("x");
                    tiled = new TiledDetector(onnx, Integer.parseInt(g[0]), Integer.parseInt(g[1]), 0.2, true);
                    plan = "uniform " + p.tiles() + " grid";
                }
            }
            if (!tiles.isEmpty()) {
                try {
                    tiled = new TiledDetector(onnx, tiles, true, c.width(), c.height());
                } catch (IllegalArgumentException e) {
                    throw c.error("detector.tiles", e.getMessage());
                }
            }
            ProfiledDetector d = new ProfiledDetector(c, onnx, tiled, plan);
            LOG.info("camera '{}': detector {} on {}, {} ({} inference(s) per frame{}), riders {}", c.camera(),
                    spec.name(), p.provider(), plan, d.passes(), p.tileEvery() > 1 ? ", tiles every "
                            + p.tileEvery() + " frames" : "", p.riders() ? "folded into motorbikes" : "off");
            return d;
        } catch (RuntimeException e) {
            onnx.close();
            throw e;
        }
    }

    /** Resolves the profile's model, checking the licence opt-in; errors name the camera and field. */
    static DetectorModelSpec resolve(CameraDetectorConfig c, Assets assets) {
        DetectorProfile p = c.profile();
        DetectorModelSpec spec;
        try {
            spec = DetectorModels.resolve(p.model(), p.family(), assets);
        } catch (DetectorSetupException | IllegalArgumentException e) {
            throw c.error(p.family().isPresent() && e.getMessage().contains("family") ? "detector.family"
                    : "detector.model", e.getMessage());
        }
        if (!p.model().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            String licence;
            try {
                ModelAsset a = assets.model(p.model());
                licence = a.spec().licence() == null ? "" : a.spec().licence();
            } catch (AssetNotFoundException e) {
                throw c.error("detector.model", e.getMessage());
            }
            if (licence.contains("AGPL") && !p.acceptLicence().map(l -> l.equalsIgnoreCase("AGPL-3.0"))
                    .orElse(false)) {
                throw c.error("detector.accept_licence", "model " + p.model() + " is AGPL-3.0 (Ultralytics weights):"
                        + " opt in with \"accept_licence\": \"AGPL-3.0\" or use yolox_nano (Apache-2.0)");
            }
        }
        if (p.inputSize().isPresent()) {
            spec = new DetectorModelSpec(spec.name(), spec.path(), spec.family(), spec.classNames(),
                    p.inputSize().get());
        }
        return spec;
    }

    /** Road users of a still: riders by position only. */
    public List<RoadUserDetection> detectRoadUsers(VideoFrame frame) {
        return roadUsers(frame, d -> false);
    }

    /** Road users of a video frame (frames in order): riders by position and by motion since the last frame. */
    public synchronized List<RoadUserDetection> detectVideoRoadUsers(VideoFrame frame) {
        List<Detection> raw = raw(frame);
        Predicate<Detection> moving = motion.update(raw, frame.streamTimeMicros());
        return camera.profile().riders() ? video.merge(raw, riders, moving)
                : raw.stream().map(RoadUserDetection::plain).toList();
    }

    private List<RoadUserDetection> roadUsers(VideoFrame frame, Predicate<Detection> moving) {
        List<Detection> raw = raw(frame);
        return camera.profile().riders() ? stills.merge(raw, riders, moving)
                : raw.stream().map(RoadUserDetection::plain).toList();
    }

    private List<Detection> raw(VideoFrame frame) {
        if (frame.width() != camera.width() || frame.height() != camera.height()) {
            throw camera.error("frame", "the configuration is for " + camera.width() + "x" + camera.height()
                    + " but the picture is " + frame.width() + "x" + frame.height());
        }
        long n = frames.getAndIncrement();
        boolean tilesNow = tiled != null && n % camera.profile().tileEvery() == 0;
        return tilesNow ? tiled.detect(frame) : onnx.detect(frame);
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        return RiderMerger.detections(detectRoadUsers(frame));
    }

    /** Inferences on a frame that runs the tiles. */
    public int passes() {
        return tiled == null ? 1 : tiled.passes(camera.width(), camera.height());
    }

    public String plan() {
        return plan;
    }

    public CameraDetectorConfig camera() {
        return camera;
    }

    public OnnxDetector onnx() {
        return onnx;
    }

    @Override
    public String modelName() {
        return tiled == null ? onnx.modelName() : tiled.modelName();
    }

    @Override
    public void close() {
        onnx.close();
    }

    /** The camera configuration file, for messages. */
    public static CameraDetectorConfig read(Path cameraJson) {
        return CameraDetectorConfig.read(cameraJson);
    }
}
