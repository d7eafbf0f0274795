package id.pantau.detect.plate;

/**
 * Tunables of {@link PlateReader}.
 *
 * @param minPlateScore     plate detector confidence below which a candidate is ignored
 * @param minConfidence     a grammatical reading below this overall confidence is reported UNREADABLE
 * @param plateHeight       rectified plates are scaled to this height before text-line detection
 * @param intraOpThreads    ONNX Runtime threads per inference
 */
public record PlateReaderSettings(double minPlateScore, double minConfidence, int plateHeight, int intraOpThreads) {
    public static PlateReaderSettings defaults() {
        return new PlateReaderSettings(0.3, 0.5, 160, 1);
    }

    public PlateReaderSettings withMinConfidence(double c) {
        return new PlateReaderSettings(minPlateScore, c, plateHeight, intraOpThreads);
    }
}
