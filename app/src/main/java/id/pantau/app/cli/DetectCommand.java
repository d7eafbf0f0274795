package id.pantau.app.cli;

import id.pantau.core.asset.Assets;
import id.pantau.detect.cli.DetectJob;
import id.pantau.detect.inference.Detector;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.runtime.ExecutionProvider;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.inference.TiledDetector;
import id.pantau.detect.model.DetectorModelSpec;
import id.pantau.detect.model.DetectorModels;
import id.pantau.detect.profile.CameraDetectorConfig;
import id.pantau.detect.profile.ProfiledDetector;
import id.pantau.detect.track.TrackerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Runs the detector (and, on video, the tracker) over images or a video file and writes JSON lines. */
@Command(name = "detect", description = "Detect road users in an image, a folder of images or a video; write one"
        + " JSON line per image/frame (boxes in source pixels, track ids for video) and optionally draw them.")
public final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IMAGE|DIR|VIDEO", description = "An image, a folder of"
            + " images or a video file.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Where to write the JSON lines.")
    Path out;

    @Option(names = "--model", defaultValue = "yolox_nano", paramLabel = "NAME|FILE.onnx",
            description = "A model from the manifest (default ${DEFAULT-VALUE}) or a path to an .onnx export.")
    String model;

    @Option(names = "--family", paramLabel = "yolox|yolov8|yolo11",
            description = "Output format of a model given as a file (manifest models know theirs).")
    String family;

    @Option(names = "--annotate", paramLabel = "DIR", description = "Also write each image/frame with its boxes drawn.")
    Path annotate;

    @Option(names = "--every", defaultValue = "1", paramLabel = "N",
            description = "Video: analyse every N-th frame (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--tiles", paramLabel = "COLSxROWS", description = "Detect on overlapping tiles plus the whole"
            + " frame, e.g. 2x2, for wide views with small vehicles.")
    String tiles;

    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--provider", defaultValue = "cpu", paramLabel = "cpu|cuda",
            description = "Execution provider (default ${DEFAULT-VALUE}); cuda needs the -Pgpu build.")
    String provider;

    @Option(names = "--camera", paramLabel = "CAMERA.json", description = "A camera configuration: its `detector`"
            + " profile (model, tiles from the camera's geometry, rate, provider) and zones are applied, and riders"
            + " are folded into motorbikes (from_rider in the output). Replaces --model, --family, --tiles and"
            + " --provider.")
    Path camera;

    @Option(names = "--no-train-as-bus", description = "Do not count COCO 'train' as bus (e.g. overpass views).")
    boolean noTrainAsBus;

    /** The tile grid asked for, validated; empty when no tiling. */
    int[] tileGrid() {
        if (tiles == null) {
            return new int[0];
        }
        String[] p = tiles.toLowerCase().split("x");
        try {
            int cols = Integer.parseInt(p[0].trim());
            int rows = Integer.parseInt(p[1].trim());
            if (p.length == 2 && cols >= 1 && rows >= 1 && cols * rows <= 16) {
                return new int[] {cols, rows};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the error below
        }
        throw new ParameterException(spec.commandLine(), "--tiles '" + tiles + "' must look like 2x2 (columns x rows,"
                + " at most 16 tiles)");
    }

    DetectorSettings settings() {
        if (every < 1) {
            throw new ParameterException(spec.commandLine(), "--every must be at least 1");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        ExecutionProvider p;
        try {
            p = ExecutionProvider.fromConfigName(provider);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return DetectorSettings.forTracking(threads, 1).withProvider(p, 0).withTrainIsBus(!noTrainAsBus);
    }

    /** The options that the camera's profile replaces, when given with --camera. */
    List<String> clashingWithCamera() {
        if (camera == null || spec == null || spec.commandLine().getParseResult() == null) {
            return List.of();
        }
        return List.of("--model", "--family", "--tiles", "--provider").stream()
                .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
    }

    @Override
    public Integer call() throws Exception {
        if (camera != null) {
            List<String> clash = clashingWithCamera();
            if (!clash.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join(", ", clash) + " cannot be combined"
                        + " with --camera: set them in the camera's \"detector\" object");
            }
            settings(); // checks --every and --threads
            CameraDetectorConfig cfg = CameraDetectorConfig.read(camera);
            try (ProfiledDetector detector = ProfiledDetector.open(cfg, Assets.defaults(), threads, true)) {
                spec.commandLine().getOut().printf("camera %s: %s, %s%n", cfg.camera(), detector.modelName(),
                        detector.plan());
                return run(new DetectJob(detector, TrackerSettings.defaults()));
            }
        }
        DetectorSettings settings = settings();
        int[] grid = tileGrid();
        DetectorModelSpec modelSpec = DetectorModels.resolve(model, Optional.ofNullable(family), Assets.defaults());
        try (OnnxDetector onnx = OnnxDetector.open(modelSpec, settings)) {
            Detector detector = grid.length == 0 ? onnx : new TiledDetector(onnx, grid[0], grid[1], 0.2, true);
            return run(new DetectJob(detector, TrackerSettings.defaults()));
        }
    }

    private int run(DetectJob job) throws java.io.IOException {
        DetectJob.Summary s = job.run(new DetectJob.Options(input, out, Optional.ofNullable(annotate), every));
        spec.commandLine().getOut().printf("%d source(s), %d line(s), %d detection(s) -> %s%n", s.sources(),
                s.frames(), s.detections(), out);
        s.failures().forEach(f -> spec.commandLine().getErr().println("skipped: " + f));
        return s.failures().isEmpty() ? 0 : 3;
    }
}
