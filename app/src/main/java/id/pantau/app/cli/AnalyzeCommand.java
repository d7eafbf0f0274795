package id.pantau.app.cli;

import id.pantau.app.pipeline.AnalyzeJob;
import id.pantau.core.asset.Assets;
import id.pantau.core.bus.EventBus;
import id.pantau.core.config.Range;
import id.pantau.ingest.config.CameraListOptions;
import id.pantau.ingest.config.CameraSource;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaEventBus;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.model.DetectorModelSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Runs the analytics on one source as fast as it decodes and writes the events as JSON lines. */
@Command(name = "analyze", description = {
        "Run detection, tracking and the camera's analytics on one video or camera URL;",
        "write every event to DIR/events.jsonl (schema: docs/events.md)."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "VIDEO|URL", description = "A video file or a camera URL.")
    String input;

    @Option(names = "--camera", required = true, paramLabel = "CAMERA.json", description = "The camera's geometry (docs/camera-config.md).")
    Path camera;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for events.jsonl.")
    Path out;

    @Option(names = "--model", defaultValue = "yolox_nano", description = "Detector model from models/manifest.json (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--frames", defaultValue = "1000", description = "For a camera URL: stop after this many analysed frames (default ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Also publish the events to Kafka (topics pantau.events and pantau.violations, keyed by camera).")
    String kafka;

    /** The camera list's {@code analysis_fps}: one declaration, one default, for a node and for this command. */
    @Option(names = "--analysis-fps", paramLabel = "FPS", description = {
            "Frames analysed per second of stream time, as the camera list's analysis_fps (default ${DEFAULT-VALUE});",
            "a file keeps every round(file fps / FPS)-th frame."})
    double analysisFps = CameraSource.DEFAULT_ANALYSIS_FPS;

    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Range allowed = CameraListOptions.ANALYSIS_FPS.range();
        if (!allowed.contains(analysisFps)) {
            throw new ParameterException(spec.commandLine(), "--analysis-fps: must be "
                    + allowed.describeFor(analysisFps, false) + ", got " + Range.format(analysisFps));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Optional<EventBus> bus = kafka == null ? Optional.empty()
                : Optional.of(new KafkaEventBus(KafkaBusConfig.of(kafka, "pantau-analyze"), registry));
        try (OnnxDetector detector = OnnxDetector.open(DetectorModelSpec.from(Assets.defaults().model(model)),
                DetectorSettings.forTracking(threads, 1))) {
            AnalyzeJob.Summary summary = new AnalyzeJob(detector, registry, bus).run(input, camera, analysisFps, out, frames);
            spec.commandLine().getOut().println(summary);
            return 0;
        } finally {
            bus.ifPresent(EventBus::close);
        }
    }
}
