package id.pantau.detect.postprocess;

import id.pantau.core.perception.RoadUserClass;
import id.pantau.detect.model.RoadUserMapping;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the raw YOLOX head: per anchor cell (strides 8, 16, 32, row-major grids in that order)
 * {@code x, y, w, h, objectness, class scores...}; {@code cx = (x + gx) * s, w = exp(w) * s}; objectness and class
 * scores are already sigmoids, the score is objectness x class score of the best class.
 */
public final class YoloxDecoder implements OutputDecoder {
    private static final int[] STRIDES = {8, 16, 32};

    private final RoadUserMapping mapping;
    private final float[] gridX;
    private final float[] gridY;
    private final float[] stride;

    public YoloxDecoder(int inputWidth, int inputHeight, RoadUserMapping mapping) {
        this.mapping = mapping;
        int n = anchorCount(inputWidth, inputHeight);
        gridX = new float[n];
        gridY = new float[n];
        stride = new float[n];
        int i = 0;
        for (int s : STRIDES) {
            int gh = inputHeight / s;
            int gw = inputWidth / s;
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++, i++) {
                    gridX[i] = gx;
                    gridY[i] = gy;
                    stride[i] = s;
                }
            }
        }
    }

    public static int anchorCount(int inputWidth, int inputHeight) {
        int n = 0;
        for (int s : STRIDES) {
            n += (inputWidth / s) * (inputHeight / s);
        }
        return n;
    }

    @Override
    public String shapeProblem(long[] shape) {
        int attrs = 5 + mapping.classCount();
        if (shape.length == 3 && shape[0] == 1 && shape[1] == gridX.length && shape[2] == attrs) {
            return null;
        }
        return "YOLOX expects an output of [1, " + gridX.length + ", " + attrs + "] (anchors for this input size, 5 + "
                + mapping.classCount() + " classes), the model gives " + Arrays.toString(shape);
    }

    @Override
    public List<Candidate> decode(FloatBuffer out, long[] shape) {
        int attrs = (int) shape[2];
        int classes = attrs - 5;
        float min = mapping.minThreshold();
        List<Candidate> result = new ArrayList<>();
        for (int i = 0, base = 0; i < gridX.length; i++, base += attrs) {
            float obj = out.get(base + 4);
            if (obj < min) {
                continue; // score = obj x cls <= obj: cheap early exit for the ~99% empty cells
            }
            int best = -1;
            float bestScore = 0;
            for (int c = 0; c < classes; c++) {
                float sc = out.get(base + 5 + c);
                if (sc > bestScore) {
                    bestScore = sc;
                    best = c;
                }
            }
            RoadUserClass ru = mapping.roadUser(best);
            float score = obj * bestScore;
            if (ru == null || score < mapping.threshold(ru)) {
                continue;
            }
            float s = stride[i];
            float cx = (out.get(base) + gridX[i]) * s;
            float cy = (out.get(base + 1) + gridY[i]) * s;
            float w = (float) Math.exp(out.get(base + 2)) * s;
            float h = (float) Math.exp(out.get(base + 3)) * s;
            result.add(new Candidate(best, ru, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        }
        return result;
    }
}
