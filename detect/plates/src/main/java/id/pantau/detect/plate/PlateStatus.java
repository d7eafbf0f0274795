package id.pantau.detect.plate;

/**
 * Whether a plate was read. A plate that is not READ is never filled in with a guess: UNCERTAIN carries the best
 * grammatical alternatives for an operator, UNREADABLE had none.
 */
public enum PlateStatus {
    /** read, with a confidence at or above the threshold */
    READ,
    /** grammatical readings exist but none is confident enough: see {@link PlateReading#alternatives()} */
    UNCERTAIN,
    /** nothing grammatical could be read */
    UNREADABLE
}
