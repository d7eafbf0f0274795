package id.pantau.detect.inference;

import id.pantau.core.frame.VideoFrame;
import id.pantau.core.perception.Detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds road users in a frame. Implementations are thread-safe: one detector is shared by every camera.
 * Boxes are in the frame's own pixels.
 */
public interface Detector extends AutoCloseable {

    List<Detection> detect(VideoFrame frame);

    /**
     * Detects in several frames (e.g. one per camera). The default runs the frames one after another behind the
     * same call; {@link OnnxDetector} overrides it with batched inferences when its model's input batch is dynamic
     * (the shipped yolox_nano is fixed at [1,3,416,416]; {@code DynamicBatchExport} derives a dynamic copy).
     * Results are in the order of {@code frames}.
     */
    default List<List<Detection>> detectAll(List<VideoFrame> frames) {
        List<List<Detection>> out = new ArrayList<>(frames.size());
        for (VideoFrame f : frames) {
            out.add(detect(f));
        }
        return out;
    }

    /** Name of the model, for logs and metric tags. */
    String modelName();

    @Override
    void close();
}
