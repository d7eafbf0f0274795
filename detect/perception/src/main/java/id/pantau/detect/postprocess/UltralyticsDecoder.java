package id.pantau.detect.postprocess;

import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.model.RoadUserMapping;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the Ultralytics YOLOv8 / YOLO11 export: output {@code [1, 4 + C, N]}, attribute-major (all cx, then
 * all cy, ...), boxes as cx, cy, w, h in model-input pixels, class scores without objectness.
 */
public final class UltralyticsDecoder implements OutputDecoder {
    private final RoadUserMapping mapping;

    public UltralyticsDecoder(RoadUserMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public String shapeProblem(long[] shape) {
        int attrs = 4 + mapping.classCount();
        if (shape.length == 3 && shape[0] == 1 && shape[1] == attrs && shape[2] > 0) {
            return null;
        }
        return "YOLOv8/YOLO11 expects an output of [1, " + attrs + ", N] (4 box values + " + mapping.classCount()
                + " classes), the model gives " + Arrays.toString(shape);
    }

    @Override
    public List<Candidate> decode(FloatBuffer out, long[] shape) {
        int attrs = (int) shape[1];
        int n = (int) shape[2];
        int classes = attrs - 4;
        float min = mapping.minThreshold();
        List<Candidate> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int best = -1;
            float bestScore = min;
            for (int c = 0; c < classes; c++) {
                float sc = out.get((4 + c) * n + i);
                if (sc >= bestScore) {
                    bestScore = sc;
                    best = c;
                }
            }
            if (best < 0) {
                continue;
            }
            RoadUserClass ru = mapping.roadUser(best);
            if (ru == null || bestScore < mapping.threshold(ru)) {
                continue;
            }
            float cx = out.get(i);
            float cy = out.get(n + i);
            float w = out.get(2 * n + i);
            float h = out.get(3 * n + i);
            result.add(new Candidate(best, ru, bestScore, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        }
        return result;
    }
}
