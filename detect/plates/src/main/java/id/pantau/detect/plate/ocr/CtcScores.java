package id.pantau.detect.plate.ocr;

/**
 * The recogniser's per-timestep class probabilities (softmax already applied by the model), row-major
 * {@code [steps][classes]}. Decoders read these rather than a finished string so that the plate grammar can choose
 * among the characters the model considered at each step.
 */
public record CtcScores(float[] probabilities, int steps, int classes, CharacterSet characters) {
    public float p(int step, int classIndex) {
        return probabilities[step * classes + classIndex];
    }

    /**
     * The probabilities of the 36 plate characters at each step (upper and lower case summed), plus the rest of the
     * mass in the last column, which behaves like a CTC blank: anything that is not a plate character.
     */
    public float[][] plateCharacterProbabilities() {
        int n = CharacterSet.PLATE_CHARACTERS.length();
        float[][] out = new float[steps][n + 1];
        for (int t = 0; t < steps; t++) {
            float sum = 0;
            for (int k = 0; k < n; k++) {
                float p = 0;
                for (int c : characters.plateClasses(k)) {
                    p += p(t, c);
                }
                out[t][k] = p;
                sum += p;
            }
            out[t][n] = Math.max(0f, 1f - sum);
        }
        return out;
    }
}
