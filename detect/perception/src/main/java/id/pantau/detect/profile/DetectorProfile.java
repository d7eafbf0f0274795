package id.pantau.detect.profile;

import id.pantau.detect.runtime.ExecutionProvider;

import java.util.List;
import java.util.Optional;

/**
 * A camera's detector profile: which model, at what input size, with which tiles, how often, on which provider,
 * read from the {@code detector} object of the camera configuration JSON ({@link CameraDetectorConfig}). Self
 * contained until the declared configuration takes it over.
 *
 * <pre>
 * "detector": {
 *   "model": "yolox_nano",              manifest name or .onnx path (default yolox_nano, Apache-2.0)
 *   "family": "yolov8",                 only for an .onnx path
 *   "accept_licence": "AGPL-3.0",       required for a model whose manifest licence is AGPL (yolov8n, yolov8s)
 *   "input_size": 640,                  only for models with a dynamic input (multiple of 32)
 *   "tiles": "geometry",                "none" (default), "geometry" (from calibration and zones), "3x3", or
 *                                       a list of [x1, y1, x2, y2] boxes in frame pixels
 *   "min_object_px": 20,                geometry tiles: smallest motorbike width the model finds, at its input
 *   "max_tiles": 12,                    geometry tiles: budget per frame, farthest bands dropped first
 *   "max_magnification": 2.5,           geometry tiles: no tile is magnified more (far rows get tiles at the cap)
 *   "tile_every": 1,                    run the tiles on every n-th analysed frame (1 = all); the whole frame
 *                                       runs on every one and the tracker carries tracks in between
 *   "rate_fps": 6,                      analysed frames per second (video input is sampled to it)
 *   "provider": "cpu",                  cpu or cuda
 *   "riders": true,                     fold riders into motorbikes (RiderMerger)
 *   "walking": [[[x, y], ...], ...]     crosswalk / pavement polygons: a person there stays a pedestrian
 * }
 * </pre>
 *
 * @param tiles "none", "geometry", "CxR", or "boxes" when {@code tileBoxes} holds the boxes
 */
public record DetectorProfile(String model, Optional<String> family, Optional<String> acceptLicence,
                              Optional<Integer> inputSize, String tiles, List<int[]> tileBoxes, double minObjectPx,
                              int maxTiles, double maxMagnification, int tileEvery, Optional<Double> rateFps,
                              ExecutionProvider provider, boolean riders) {
    public static final String DEFAULT_MODEL = "yolox_nano";
    /** Tiles magnified more than this found fewer far motorbikes on the Hanoi frames (README, detect). */
    public static final double DEFAULT_MAX_MAGNIFICATION = 2.5;

    public DetectorProfile {
        tileBoxes = List.copyOf(tileBoxes);
    }

    /** The default profile: yolox_nano on the CPU, whole frame only, riders folded into motorbikes. */
    public static DetectorProfile defaults() {
        return new DetectorProfile(DEFAULT_MODEL, Optional.empty(), Optional.empty(), Optional.empty(), "none",
                List.of(), 20, 12, DEFAULT_MAX_MAGNIFICATION, 1, Optional.empty(), ExecutionProvider.CPU, true);
    }

    public DetectorProfile withModel(String m) {
        return new DetectorProfile(m, family, acceptLicence, inputSize, tiles, tileBoxes, minObjectPx, maxTiles,
                maxMagnification, tileEvery, rateFps, provider, riders);
    }

    public DetectorProfile withTiles(String t) {
        return new DetectorProfile(model, family, acceptLicence, inputSize, t, tileBoxes, minObjectPx, maxTiles,
                maxMagnification, tileEvery, rateFps, provider, riders);
    }

    public DetectorProfile withAcceptedLicence(String l) {
        return new DetectorProfile(model, family, Optional.of(l), inputSize, tiles, tileBoxes, minObjectPx,
                maxTiles, maxMagnification, tileEvery, rateFps, provider, riders);
    }

    public DetectorProfile withRiders(boolean on) {
        return new DetectorProfile(model, family, acceptLicence, inputSize, tiles, tileBoxes, minObjectPx, maxTiles,
                maxMagnification, tileEvery, rateFps, provider, on);
    }

    public DetectorProfile withProvider(ExecutionProvider p) {
        return new DetectorProfile(model, family, acceptLicence, inputSize, tiles, tileBoxes, minObjectPx, maxTiles,
                maxMagnification, tileEvery, rateFps, p, riders);
    }

    public DetectorProfile withMaxTiles(int n) {
        return new DetectorProfile(model, family, acceptLicence, inputSize, tiles, tileBoxes, minObjectPx, n,
                maxMagnification, tileEvery, rateFps, provider, riders);
    }
}
