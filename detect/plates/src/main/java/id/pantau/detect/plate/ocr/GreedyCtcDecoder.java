package id.pantau.detect.plate.ocr;

import java.util.ArrayList;
import java.util.List;

/** Plain CTC best-path decoding: the most likely class per step, repeats merged, blanks dropped. */
public final class GreedyCtcDecoder {
    private GreedyCtcDecoder() {
    }

    public static DecodedText decode(CtcScores s) {
        StringBuilder text = new StringBuilder();
        List<Double> conf = new ArrayList<>();
        int previous = -1;
        for (int t = 0; t < s.steps(); t++) {
            int best = 0;
            float bestP = -1;
            for (int c = 0; c < s.classes(); c++) {
                float p = s.p(t, c);
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(s.characters().text(best));
                conf.add((double) bestP);
            } else if (best != 0 && !conf.isEmpty()) {
                conf.set(conf.size() - 1, Math.max(conf.getLast(), bestP));
            }
            previous = best;
        }
        return new DecodedText(text.toString(), conf.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
