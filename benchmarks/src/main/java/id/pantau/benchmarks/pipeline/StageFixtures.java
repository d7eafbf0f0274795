package id.pantau.benchmarks.pipeline;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;
import id.pantau.detect.inference.DetectorSettings;
import id.pantau.detect.inference.OnnxDetector;
import id.pantau.detect.io.VideoFileReader;
import id.pantau.detect.model.DetectorModelSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real inputs for the per-stage measurements: frames decoded from the footage (every {@code step}-th, as a 5 fps
 * analysis would see them) and the detector's output on each, so every stage is timed on what the stage before it
 * really produces. Shared by the JMH benchmarks and the pipeline bench's stage profile.
 */
public final class StageFixtures implements AutoCloseable {
    public final OnnxDetector detector;
    public final List<VideoFrame> frames;
    public final List<List<Detection>> detections;

    private StageFixtures(OnnxDetector detector, List<VideoFrame> frames, List<List<Detection>> detections) {
        this.detector = detector;
        this.frames = frames;
        this.detections = detections;
    }

    /**
     * @param clip      the footage
     * @param maxFrames how many analysed frames to keep (each is width*height*3 bytes of direct memory)
     * @param analysisFps keep frames at about this rate, as the ingest sampler would
     */
    public static StageFixtures load(Path model, Path clip, int maxFrames, double analysisFps,
                                     DetectorSettings settings) {
        OnnxDetector detector = OnnxDetector.open(DetectorModelSpec.cocoYolox("yolox_nano", model), settings);
        List<VideoFrame> frames = new ArrayList<>();
        try (VideoFileReader reader = new VideoFileReader(clip, CameraId.of("bench"))) {
            int step = Math.max(1, (int) Math.round(reader.frameRate() / analysisFps));
            VideoFrame f;
            while (frames.size() < maxFrames && (f = reader.next()) != null) {
                frames.add(f);
                if (!reader.skip(step - 1)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        if (frames.isEmpty()) {
            detector.close();
            throw new IllegalArgumentException("no frame could be decoded from " + clip);
        }
        List<List<Detection>> detections = new ArrayList<>();
        for (VideoFrame f : frames) {
            detections.add(detector.detect(f));
        }
        return new StageFixtures(detector, List.copyOf(frames), List.copyOf(detections));
    }

    @Override
    public void close() {
        detector.close();
    }
}
