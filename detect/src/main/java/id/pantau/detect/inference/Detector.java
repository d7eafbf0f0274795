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
     * Detects in several frames (e.g. one per camera). yolox_nano's input is fixed at batch 1
     * ([1,3,416,416]), so the default runs the frames one after another behind the same call; a detector whose
     * model takes a batch dimension may override it. Results are in the order of {@code frames}.
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
