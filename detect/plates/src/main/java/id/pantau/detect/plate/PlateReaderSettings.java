package id.pantau.detect.plate;

import id.pantau.detect.plate.grammar.RegionPrior;

/**
 * Tunables of {@link PlateReader}.
 *
 * @param minPlateScore     plate detector confidence below which a candidate is ignored
 * @param minConfidence     a reading below this calibrated confidence is reported UNCERTAIN (with alternatives)
 * @param plateHeight       rectified plates are scaled to this height before text-line detection
 * @param intraOpThreads    ONNX Runtime threads per inference
 * @param calibration       maps the decoder's evidence to a probability of being right
 * @param regionPrior       how likely each region code is at this camera; null = uniform over the table
 */
public record PlateReaderSettings(double minPlateScore, double minConfidence, int plateHeight, int intraOpThreads,
                                  ConfidenceCalibration calibration, RegionPrior regionPrior) {
    /** The default threshold: chosen on the dev part so that READ plates are right at least 99 % of the time. */
    public static final double DEFAULT_MIN_CONFIDENCE = ConfidenceCalibration.DEFAULT_THRESHOLD;

    public PlateReaderSettings(double minPlateScore, double minConfidence, int plateHeight, int intraOpThreads) {
        this(minPlateScore, minConfidence, plateHeight, intraOpThreads, ConfidenceCalibration.fitted(), null);
    }

    /** Whether scenes are also searched with the text detector (plates the plate detector misses). */
    public boolean textProposals() {
        return Boolean.parseBoolean(System.getProperty("pantau.plates.textProposals", "true"));
    }

    public static PlateReaderSettings defaults() {
        return new PlateReaderSettings(0.3, DEFAULT_MIN_CONFIDENCE, 160, 1);
    }

    public PlateReaderSettings withMinConfidence(double c) {
        return new PlateReaderSettings(minPlateScore, c, plateHeight, intraOpThreads, calibration, regionPrior);
    }

    public PlateReaderSettings withCalibration(ConfidenceCalibration c) {
        return new PlateReaderSettings(minPlateScore, minConfidence, plateHeight, intraOpThreads, c, regionPrior);
    }

    public PlateReaderSettings withRegionPrior(RegionPrior p) {
        return new PlateReaderSettings(minPlateScore, minConfidence, plateHeight, intraOpThreads, calibration, p);
    }
}
