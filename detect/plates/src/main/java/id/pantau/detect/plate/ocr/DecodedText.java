package id.pantau.detect.plate.ocr;

/** Text read from a line, with one confidence per character (the model's probability at its best step). */
public record DecodedText(String text, double[] confidences) {
    public double meanConfidence() {
        double s = 0;
        for (double c : confidences) {
            s += c;
        }
        return confidences.length == 0 ? 0 : s / confidences.length;
    }
}
