package id.pantau.core.perception;

/** Life of a track, ByteTrack-style. */
public enum TrackState {
    /** seen, not yet confirmed by enough consecutive matches */
    TENTATIVE,
    /** confirmed and matched in the current frame (or predicted through a motion-gated frame) */
    CONFIRMED,
    /** confirmed earlier, unmatched for a few frames, still predicted and matchable */
    LOST,
    /** gone for good; its id is never reused */
    REMOVED
}
